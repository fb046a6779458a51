import Foundation
import Hummingbird
import NIOCore
import Store

/// `/healthz` and `/metrics`, for operators.
extension WebEndpoint {
    /// 200 when the store answers and the heartbeat is fresh, 503 otherwise; a small JSON body says which.
    func health(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let now = Date()
        var storeOK = true
        var age: Double?
        do {
            let beat = try await blocking { try $0.heartbeat() }
            age = beat.map { now.timeIntervalSince($0.beatAt) }
        } catch {
            storeOK = false
        }
        let fresh = age.map { $0 <= heartbeatMaxAge } ?? false
        let healthy = storeOK && fresh
        let ageText = age.map { String(format: "%.1f", $0) } ?? "null"
        let body = "{\"status\":\"\(healthy ? "ok" : "unavailable")\",\"store\":\(storeOK),\"heartbeat_age_seconds\":\(ageText),\"heartbeat_max_age_seconds\":\(Int(heartbeatMaxAge))}\n"
        return Response(
            status: healthy ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// The Prometheus text exposition, written by swift-prometheus.
    func metricsText(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let metrics = self.metrics
        let bytes = try await blocking { try metrics.render(store: $0, now: Date()) }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

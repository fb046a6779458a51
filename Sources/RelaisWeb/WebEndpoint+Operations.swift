import Foundation
import Hummingbird
import NIOCore
import StoreModel

/// `/healthz` and `/metrics`, for operators.
extension WebEndpoint {
    /// 200 when the store answers and this daemon's heartbeat (its instance's row: several
    /// daemons may share the store) is fresh, 503 otherwise; a small JSON body says which.
    func health(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let now = Date()
        var storeOK = true
        var age: Double?
        do {
            let instanceId = self.instanceId
            let beat = try await blocking { try $0.heartbeats().first { $0.instanceId == instanceId } }
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
        let metrics = self.metrics, instanceId = self.instanceId
        let bytes = try await blocking { try metrics.render(store: $0, instanceId: instanceId, now: Date()) }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

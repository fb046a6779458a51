import Foundation
import RelaisTestSupport

/// A real HTTP client for the web endpoint tests: curl, one request per call.
enum WebClient {
    /// One response: status, headers (names lower-cased), body.
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    /// `method url` with `body` (form-encoded) when given, and `headers` (`Name: value`).
    static func request(_ method: String, _ url: String, body: String? = nil, headers: [String] = []) throws -> Response {
        var arguments = ["-s", "-i", "-X", method, "--max-time", "20"]
        for header in headers { arguments += ["-H", header] }
        if let body { arguments += ["-H", "Content-Type: application/x-www-form-urlencoded", "--data-binary", body] }
        let result = try ProcessRunner.run("/usr/bin/curl", arguments + [url])
        guard result.status == 0 else { throw HarnessError("curl \(method) failed (\(result.status)): \(result.stderr)") }
        let parts = result.stdout.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// Polls `url` until it answers `status` (timeout: a safety net).
    static func waitForStatus(_ status: Int, _ url: String, timeout: TimeInterval = 60) -> Bool {
        waitUntil(timeout: timeout) { (try? request("GET", url))?.status == status }
    }
}

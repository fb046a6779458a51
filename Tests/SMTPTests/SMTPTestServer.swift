import Foundation

/// Runs `scripts/smtp-test-server.py` on a random loopback port for one test, and reads its records.
final class SMTPTestServer {
    /// One message the server accepted.
    struct Record: Decodable {
        var mail_from: String
        var rcpt_tos: [String]
        var data: String
        var connection: Int
        var tls: Bool
        var authenticated: Bool

        var bytes: [UInt8] { Array(Data(base64Encoded: data) ?? Data()) }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let process = Process()
    let stdin = Pipe()
    let stdout = Pipe()
    let recordDirectory: URL
    let port: Int

    /// Starts the server with extra arguments (`--auth`, `--fault`, ...) and waits for its PORT line.
    init(_ arguments: [String] = []) throws {
        recordDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("relais-smtp-\(UUID().uuidString)")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Self.packageRoot.appendingPathComponent("scripts/smtp-test-server.py").path,
                             "--port", "0", "--record", recordDirectory.path] + arguments
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5).prefix(while: \.isNumber)) else {
            process.terminate()
            throw ServerError(message: "test server did not print its port: \(text)")
        }
        self.port = port
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: recordDirectory)
    }

    /// Stops the server (closing stdin ends it) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        try? stdin.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// `smtp://127.0.0.1:port`.
    var url: URL { URL(string: "smtp://127.0.0.1:\(port)")! }

    /// Messages accepted so far, in order.
    func records() throws -> [Record] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: recordDirectory.path)) ?? []
        return try names.filter { $0.hasPrefix("message-") && $0.hasSuffix(".json") }.sorted().map {
            try JSONDecoder().decode(Record.self, from: Data(contentsOf: recordDirectory.appendingPathComponent($0)))
        }
    }

    /// Number of TCP connections the server has accepted.
    func connectionCount() -> Int {
        let log = (try? String(contentsOf: recordDirectory.appendingPathComponent("connections.log"), encoding: .utf8)) ?? ""
        return log.split(separator: "\n").count
    }

    struct ServerError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

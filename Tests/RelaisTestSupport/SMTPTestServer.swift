import Foundation

/// Runs `scripts/smtp-test-server.py` (aiosmtpd) on a random loopback port for one test, and reads its records.
public final class SMTPTestServer: @unchecked Sendable {
    /// One message the server accepted.
    public struct Record: Decodable, Sendable {
        /// The envelope sender (MAIL FROM).
        public var mail_from: String
        /// The envelope recipients (RCPT TO).
        public var rcpt_tos: [String]
        /// The message bytes, base64.
        public var data: String
        /// Which TCP connection (1, 2, …) carried it.
        public var connection: Int
        /// True when the session was encrypted (STARTTLS or implicit TLS).
        public var tls: Bool
        /// True when the client authenticated.
        public var authenticated: Bool

        /// The message bytes exactly as received.
        public var bytes: [UInt8] { Array(Data(base64Encoded: data) ?? Data()) }
    }

    /// The package root (the folder holding Package.swift).
    public static var packageRoot: URL { URL(fileURLWithPath: Repository.root) }

    let process = Process()
    let stdin = Pipe()
    let stdout = Pipe()
    /// Where the server writes `message-N.json` and `connections.log`.
    public let recordDirectory: URL
    /// The loopback port it listens on.
    public let port: Int

    /// Starts the server with extra arguments (`--auth user:password`, `--tls-cert`, `--fault`, ...)
    /// and waits for its PORT line.
    public init(_ arguments: [String] = []) throws {
        recordDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("relais-smtp-\(UUID().uuidString)")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Repository.path("scripts/smtp-test-server.py"),
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

    /// ``init(_:)`` for async tests: the server is started, and its PORT line awaited, on a
    /// thread of its own, so the wait (a second or more while the machine is busy) holds no
    /// thread of the cooperative pool.
    public static func start(_ arguments: [String] = []) async throws -> SMTPTestServer {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try SMTPTestServer(arguments) }) }
            thread.name = "relais.test.smtp-server-start"
            thread.start()
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: recordDirectory)
    }

    /// Stops the server (closing stdin ends it) and waits for it.
    public func stop() {
        guard process.isRunning else { return }
        try? stdin.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    /// `smtp://127.0.0.1:port`.
    public var url: URL { URL(string: "smtp://127.0.0.1:\(port)")! }

    /// Messages accepted so far, in order.
    public func records() throws -> [Record] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: recordDirectory.path)) ?? []
        return try names.filter { $0.hasPrefix("message-") && $0.hasSuffix(".json") }.sorted().map {
            try JSONDecoder().decode(Record.self, from: Data(contentsOf: recordDirectory.appendingPathComponent($0)))
        }
    }

    /// Number of TCP connections the server has accepted.
    public func connectionCount() -> Int {
        let log = (try? String(contentsOf: recordDirectory.appendingPathComponent("connections.log"), encoding: .utf8)) ?? ""
        return log.split(separator: "\n").count
    }

    /// The server could not be started or a test file could not be made.
    public struct ServerError: Error, CustomStringConvertible {
        /// What went wrong.
        public var message: String
        public var description: String { message }
    }
}

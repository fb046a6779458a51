import Foundation
import Testing

/// Runs `scripts/mime-check.py` (Python's `email` package) on rendered messages, one process per batch.
enum MIMECheck {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Mailbox: Decodable {
        var display_name: String
        var addr_spec: String
    }

    struct Raw: Decodable {
        var crlf_only: Bool
        var max_header_line: Int
        var max_line: Int
        var raw_header_names: [String]
        var problems: [String]
    }

    struct Part: Decodable {
        var type: String
        var charset: String?
        var cte: String?
        var disposition: String?
        var filename: String?
        var method: String?
    }

    struct Result: Decodable {
        var raw: Raw
        var strict_error: String?
        var header_names: [String]
        var headers: [String: [String]]
        var subject: String?
        var subject_legacy: String?
        var from_legacy_name: String?
        var to_legacy_name: String?
        var from: [Mailbox]
        var to: [Mailbox]
        var reply_to: [Mailbox]
        var tree: [Part]
        var bodies: [String: String]
        var max_qp_line: Int
        var defects: [String]
    }

    /// Checks every message and returns the results in the same order.
    static func run(_ messages: [[UInt8]]) throws -> [Result] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mime-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (index, message) in messages.enumerated() {
            let url = directory.appendingPathComponent("\(index).eml")
            try Data(message).write(to: url)
            paths.append(url.path)
        }
        let output = try runPython(script: "scripts/mime-check.py", arguments: paths, directory: directory)
        if messages.count == 1 { return [try JSONDecoder().decode(Result.self, from: output)] }
        return try JSONDecoder().decode([Result].self, from: output)
    }

    /// Runs a script of the package with /usr/bin/python3 and returns its standard output.
    static func runPython(script: String, arguments: [String], directory: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [packageRoot.appendingPathComponent(script).path] + arguments
        let stdout = Pipe()
        let stderrURL = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus == 0, "\(script) failed: \(stderr)")
        return data
    }
}

import Foundation
import Testing

/// Runs `scripts/ics-check.py` (the `icalendar` package plus an own VTIMEZONE reader) on calendars, one process per batch.
enum ICSCheck {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    struct Raw: Decodable {
        var crlf_only: Bool
        var max_line_octets: Int
        var long_lines: [String]
        var problems: [String]
    }

    struct Instant: Decodable {
        var tzid: String?
        var local: String
        var icalendar: String?
        var icalendar_vtimezone: String?
        var vtimezone: String?
        var zoneinfo: String?
    }

    struct Result: Decodable {
        var raw: Raw
        var method: String
        var prodid: String
        var version: String
        var calscale: String
        var uid: String?
        var summary: String?
        var description: String?
        var location: String?
        var url: String?
        var status: String?
        var sequence: Int?
        var dtstamp: String?
        var organizer: String?
        /// SUMMARY / DESCRIPTION / LOCATION unescaped by the script itself.
        var own_text: [String: String]
        var organizer_cn: String?
        var vtimezone_count: Int
        var dtstart: Instant
        var dtend: Instant
        var vtimezone_mismatches: [String]
        var vtimezone_mismatch_count: Int
    }

    /// Checks every calendar and returns the results in the same order.
    static func run(_ calendars: [[UInt8]]) throws -> [Result] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ics-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (index, calendar) in calendars.enumerated() {
            let url = directory.appendingPathComponent("\(index).ics")
            try Data(calendar).write(to: url)
            paths.append(url.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [packageRoot.appendingPathComponent("scripts/ics-check.py").path] + paths
        let stdout = Pipe()
        let stderrURL = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus == 0, "ics-check.py failed: \(stderr)")
        if calendars.count == 1 { return [try JSONDecoder().decode(Result.self, from: output)] }
        return try JSONDecoder().decode([Result].self, from: output)
    }

    /// An instant from an ISO 8601 UTC literal such as `2026-03-30T17:00:00Z`.
    static func instant(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }
}

import Foundation
import RelaisTestSupport

/// Runs `scripts/ics-check.py` (the `icalendar` package plus an own VTIMEZONE reader) on calendars, one process per batch.
enum ICSCheck {
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
        let output = try PythonCheck.run("scripts/ics-check.py", calendars, fileExtension: "ics")
        if calendars.count == 1 { return [try JSONDecoder().decode(Result.self, from: output)] }
        return try JSONDecoder().decode([Result].self, from: output)
    }

    /// An instant from an ISO 8601 UTC literal such as `2026-03-30T17:00:00Z`.
    static func instant(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }
}

import Foundation
import RelaisTestSupport

/// Runs `scripts/mime-check.py` (Python's `email` package) on rendered messages, one process per batch.
enum MIMECheck {
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
        let output = try PythonCheck.run("scripts/mime-check.py", messages, fileExtension: "eml")
        if messages.count == 1 { return [try JSONDecoder().decode(Result.self, from: output)] }
        return try JSONDecoder().decode([Result].self, from: output)
    }
}

import Foundation
import RelaisTestSupport
@testable import MIME

/// Messages and generated strings shared by the tests.
enum Fixtures {
    static let date = Date(timeIntervalSince1970: 1_774_890_000)  // 2026-03-30 17:00 UTC

    static func message(
        subject: String = "Hello", fromName: String? = "Relais", toName: String? = "Ana", html: String? = "<p>Hello</p>\n",
        text: String = "Hello\n", calendar: CalendarAttachment? = nil, listUnsubscribe: ListUnsubscribe? = nil,
        seed: String = "row-1"
    ) throws -> MailMessage {
        MailMessage(
            from: try Mailbox(address: "news@relais.example.org", displayName: fromName),
            to: [try Mailbox(address: "ana@example.net", displayName: toName)],
            subject: subject, date: date, messageID: try MessageID(seed: seed, domain: "relais.example.org"),
            language: "fr-BE", listUnsubscribe: listUnsubscribe, text: text, html: html, calendar: calendar)
    }

    /// What a display name becomes: line breaks and controls as spaces, runs of spaces collapsed, trimmed.
    static func displayName(_ text: String) -> String {
        let spaced = String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
        return spaced.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// The longest run of UTF-8 bytes without a space.
    static func longestRun(_ text: String) -> Int {
        text.utf8.split(separator: UInt8(ascii: " ")).map(\.count).max() ?? 0
    }

    /// A deterministic pseudo-random generator (SplitMix64) so failures can be reproduced.
    typealias Generator = SplitMix64

    static let pieces = [
        "é", "à", "ç", "ü", "ß", "ñ", "¿", "🎉", "œ", "ő", "中文", " ", "  ", "a", "Z", "café", "Straße", "mañana",
        "Rappel", "newsletter", "?", "=", "_", "\"", "\\", "(", ")", "<", ">", ",", ";", ":", "@", ".", "=?", "?=", "👩‍💼",
        "e\u{301}", "ا", "Ω",
    ]

    /// Text of exactly `length` characters built from `pieces`, sometimes with leading/trailing spaces.
    static func text(length: Int, using generator: inout Generator) -> String {
        var result = ""
        while result.count < length {
            result += pieces.randomElement(using: &generator)!
        }
        while result.count > length { result.removeLast() }
        if result.allSatisfy({ $0 == " " }) { result = String(result.dropLast()) + "x" }
        return result
    }
}

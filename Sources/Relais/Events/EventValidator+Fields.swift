import Foundation
import MIME
import Recurrence

extension EventValidator {
    /// Frequencies an event may not use: reminders for each would flood members.
    static let subDailyFrequencies: Set<RecurrenceRule.Frequency> = [.secondly, .minutely, .hourly]

    /// A parsed RRULE and its canonical text; events repeat at most daily (use `BYHOUR` for
    /// several times a day).
    public static func validateRule(_ text: String) throws(InputError) -> (rule: RecurrenceRule, text: String) {
        let rule: RecurrenceRule
        do { rule = try RecurrenceRule(parsing: text.trimmingCharacters(in: .whitespaces)) } catch {
            throw InputError(error.description)
        }
        if subDailyFrequencies.contains(rule.frequency) {
            throw InputError("invalid RRULE part \"FREQ=\(rule.frequency.rawValue)\": an event repeats at most daily (use FREQ=DAILY with BYHOUR for several times a day)")
        }
        return (rule, rule.description)
    }

    /// A wall-clock time `YYYY-MM-DDTHH:MM[:SS]`, the error naming `option`.
    public static func parseLocal(_ text: String, option: String) throws(InputError) -> LocalDateTime {
        do { return try LocalDateTime(parsing: text.trimmingCharacters(in: .whitespaces)) } catch {
            throw InputError("\(option): \(error.description)")
        }
    }

    /// A duration `90m`, `2h` or `1h30m` in seconds (1 minute to 14 days).
    public static func parseDuration(_ text: String) throws(InputError) -> Int {
        let problem = InputError("invalid duration \"\(text.visibleControlCharacters)\": expected minutes, hours or both, e.g. 90m, 2h, 1h30m")
        var seconds = 0
        var digits = ""
        var units: [Character] = []
        for character in text.trimmingCharacters(in: .whitespaces) {
            if character.isASCII, character.isNumber {
                digits.append(character)
                guard digits.count <= 6 else { throw problem }
            } else if character == "h" || character == "m" {
                guard let value = Int(digits), !units.contains(character), units.last != "m" else { throw problem }
                seconds += value * (character == "h" ? 3600 : 60)
                units.append(character)
                digits = ""
            } else {
                throw problem
            }
        }
        guard digits.isEmpty, !units.isEmpty else { throw problem }
        guard seconds >= 60, seconds <= 14 * 86_400 else {
            throw InputError("invalid duration \"\(text)\": expected between 1m and 336h (14 days)")
        }
        return seconds
    }

    /// `90m`, `2h`, `1h30m`: the form ``parseDuration(_:)`` reads.
    public static func formatDuration(_ seconds: Int) -> String {
        let hours = seconds / 3600, minutes = seconds / 60 % 60
        if hours == 0 { return "\(minutes)m" }
        return minutes == 0 ? "\(hours)h" : "\(hours)h\(minutes)m"
    }

    /// A description: newlines (normalized to LF) and tabs are fine, other control characters
    /// are not; at most 5,000 characters.
    public static func validateDescription(_ text: String) throws(InputError) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        if normalized.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) {
            throw InputError("invalid description \"\(String(normalized.prefix(40)).visibleControlCharacters)\": control characters other than newlines and tabs are not allowed")
        }
        guard normalized.count <= 5000 else { throw InputError("invalid description: longer than 5000 characters") }
        return normalized.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An absolute `http` or `https` URL with a host and no spaces or control characters.
    public static func validateURL(_ text: String) throws(InputError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let problem = InputError("invalid URL \"\(text.visibleControlCharacters)\": expected an http:// or https:// address")
        guard trimmed.count <= 2000,
              !trimmed.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }),
              let components = URLComponents(string: trimmed),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { throw problem }
        return trimmed
    }
}

/// Why an event cannot be written as iCalendar.
public struct CalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The event UID, with control characters shown as escapes.
    public let uid: String
    /// What is wrong, in a few words.
    public let reason: String

    init(_ uid: String, _ reason: String) {
        self.uid = uid.unicodeScalars.map { scalar in
            switch scalar {
            case "\r": return "\\r"
            case "\n": return "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: return "\\u{\(String(scalar.value, radix: 16))}"
            default: return String(scalar)
            }
        }.joined()
        self.reason = reason
    }

    /// One line: the event and what is wrong.
    public var description: String { "cannot write calendar event \"\(uid)\": \(reason)" }
}

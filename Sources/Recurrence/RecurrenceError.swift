/// A malformed recurrence rule, date-time or time zone; `description` is one line naming the culprit.
public struct RecurrenceError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The one-line explanation, e.g. `invalid RRULE part "FREQ=FORTNIGHTLY": ...`.
    public let description: String

    /// An error with a ready-made one-line description.
    public init(_ description: String) {
        self.description = description
    }

    /// An error about one `NAME=VALUE` part of an RRULE.
    static func part(_ part: String, _ problem: String) -> RecurrenceError {
        RecurrenceError("invalid RRULE part \"\(part)\": \(problem)")
    }

    /// An error about a whole RRULE.
    static func rule(_ rule: String, _ problem: String) -> RecurrenceError {
        RecurrenceError("invalid RRULE \"\(rule)\": \(problem)")
    }
}

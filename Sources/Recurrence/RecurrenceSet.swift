import Foundation

/// An event's recurrence: DTSTART in an IANA zone, an optional RRULE, RDATEs and EXDATEs.
///
/// Expansion happens in wall-clock time and each instance is converted to an instant by
/// RFC 5545 §3.3.5. DTSTART is always the first occurrence. An EXDATE removes the instance
/// starting at the same instant as its own wall-clock time in the zone; RDATEs add instances.
public struct RecurrenceSet: Sendable {
    /// DTSTART, in the zone's wall-clock time.
    public let start: LocalDateTime
    /// The event's zone.
    public let zone: TimeZone
    /// The RRULE, if the event repeats by rule.
    public let rule: RecurrenceRule?
    /// Extra instances (RDATE), wall-clock.
    public let rdates: [LocalDateTime]
    /// Removed instances (EXDATE), wall-clock.
    public let exdates: [LocalDateTime]

    /// A recurrence set; `rdates` and `exdates` may come in any order and repeat.
    public init(
        start: LocalDateTime, zone: TimeZone, rule: RecurrenceRule?,
        rdates: [LocalDateTime] = [], exdates: [LocalDateTime] = []
    ) {
        self.start = start
        self.zone = zone
        self.rule = rule
        self.rdates = rdates
        self.exdates = exdates
    }

    /// Every occurrence, lazily, in ascending order of start instant (possibly unbounded).
    public func occurrences() -> OccurrenceSequence {
        OccurrenceSequence(set: self, from: nil)
    }

    /// The occurrences starting at or after `from`, lazily, ascending. Without COUNT the
    /// expansion jumps straight to the period of `from` instead of walking from DTSTART.
    public func occurrences(from: Date) -> OccurrenceSequence {
        OccurrenceSequence(set: self, from: from)
    }

    /// The first occurrence starting at or after `date`, or nil when the series has ended.
    public func nextOccurrence(from date: Date) -> Occurrence? {
        var iterator = occurrences(from: date).makeIterator()
        return iterator.next()
    }
}

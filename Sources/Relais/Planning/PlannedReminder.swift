import Foundation
import Recurrence

/// One reminder to send: an event occurrence, an offset and a member, with when it is due.
public struct PlannedReminder: Sendable, Hashable {
    /// The event's database id.
    public let eventId: Int64
    /// The event's iCalendar UID.
    public let eventUID: String
    /// The occurrence's identity: its original wall-clock start in the series.
    public let original: LocalDateTime
    /// The occurrence's actual wall-clock start (differs from `original` when it was moved).
    public let occurrenceLocal: LocalDateTime
    /// The instant the occurrence starts.
    public let occurrenceStart: Date
    /// The offset this reminder is for.
    public let offset: ReminderOffset
    /// The member to remind.
    public let memberId: Int64
    /// When the reminder is due (always before `occurrenceStart`).
    public let dueAt: Date
    /// Unique per event × occurrence × offset × member; see ``idempotencyKey(eventUID:original:local:offset:memberId:)``.
    public let idempotencyKey: String

    /// A planned reminder; the key is derived from the other fields.
    public init(
        eventId: Int64, eventUID: String, original: LocalDateTime, occurrenceLocal: LocalDateTime,
        occurrenceStart: Date, offset: ReminderOffset, memberId: Int64, dueAt: Date
    ) {
        self.eventId = eventId
        self.eventUID = eventUID
        self.original = original
        self.occurrenceLocal = occurrenceLocal
        self.occurrenceStart = occurrenceStart
        self.offset = offset
        self.memberId = memberId
        self.dueAt = dueAt
        self.idempotencyKey = Self.idempotencyKey(
            eventUID: eventUID, original: original, local: occurrenceLocal, offset: offset, memberId: memberId)
    }

    /// `reminder:<event uid>:<original>:<offset>:<member id>`, with `<original>` the iCalendar form
    /// of the original local start (`20260303T083000`). A moved occurrence writes
    /// `<original>@<new local start>` there instead, so that after a move a fresh reminder goes
    /// out for the new time (the one queued for the old time is a different row to cancel), and
    /// moving it again produces yet another key; moving it back to its original time gives the
    /// original key again.
    public static func idempotencyKey(
        eventUID: String, original: LocalDateTime, local: LocalDateTime, offset: ReminderOffset, memberId: Int64
    ) -> String {
        let occurrence = original == local ? original.iCalendarForm : "\(original.iCalendarForm)@\(local.iCalendarForm)"
        return "reminder:\(eventUID):\(occurrence):\(offset):\(memberId)"
    }

    /// The queue's `source` for this reminder's occurrence: `event:<id>:<original>` (stable across moves).
    public var source: String { "event:\(eventId):\(original.iCalendarForm)" }
}

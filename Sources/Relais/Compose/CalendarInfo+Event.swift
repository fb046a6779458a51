import Foundation
import Recurrence
import Store

extension CalendarInfo {
    /// The calendar data of one occurrence of a stored event: its texts in every language,
    /// its instants and zone, SEQUENCE from the event, DTSTAMP from its last change.
    ///
    /// A single event keeps the event's UID; each occurrence of a series gets its own,
    /// stable UID (`<uid-left>-<original start>@<uid-right>`) that a moved occurrence keeps.
    public init(schedule: EventSchedule, occurrence: EventOccurrence) {
        let event = schedule.event
        self.init(
            uid: event.rule == nil ? event.uid : Self.occurrenceUID(event.uid, original: occurrence.original),
            sequence: event.sequence, stamp: event.updatedAt, titles: event.titles, descriptions: event.descriptions,
            location: event.location, url: event.url, start: occurrence.start, end: occurrence.end, timeZone: schedule.zone,
            cancelled: schedule.isCancelled || schedule.cancelledOccurrences.contains(occurrence.original)
        )
    }

    /// `uid` with `-YYYYMMDDTHHMMSS` (the occurrence's original start) before its `@`.
    public static func occurrenceUID(_ uid: String, original: LocalDateTime) -> String {
        guard let at = uid.lastIndex(of: "@") else { return uid + "-" + original.iCalendarForm }
        return uid[..<at] + "-" + original.iCalendarForm + uid[at...]
    }
}

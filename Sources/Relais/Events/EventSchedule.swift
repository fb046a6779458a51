import Foundation
import Recurrence
import Store

/// An event's occurrences: its recurrence set with the cancelled occurrences removed and the
/// moved ones at their new time (keeping their original start as identity).
public struct EventSchedule: Sendable {
    /// The stored event.
    public let event: Stored<Event>
    /// The event's database id.
    public let id: Int64
    /// The event's zone.
    public let zone: TimeZone
    /// The series without its exceptions.
    public let recurrence: RecurrenceSet
    /// How long each occurrence lasts, in seconds.
    public let duration: Int
    /// The reminder offsets, longest first, without duplicates.
    public let offsets: [ReminderOffset]
    /// The lists whose members are reminded, lower-cased.
    public let lists: Set<String>
    /// Original starts of the cancelled occurrences.
    public let cancelledOccurrences: Set<LocalDateTime>
    /// Moved occurrences: original start → new start, ordered by new instant.
    let moves: [(original: LocalDateTime, local: LocalDateTime, start: Date)]

    /// The schedule of a stored event; throws when a stored field no longer parses.
    public init(_ stored: StoredEvent) throws(InputError) {
        let event = stored.event
        let location = "event \(event.id)"
        do throws(RecurrenceError) {
            zone = try TimeZoneLookup.zone(named: event.timeZone)
            let start = try LocalDateTime(parsing: event.startLocal)
            var rule: RecurrenceRule?
            if let text = event.rule { rule = try RecurrenceRule(parsing: text) }
            var cancelled = Set<LocalDateTime>()
            var moves: [(original: LocalDateTime, local: LocalDateTime, start: Date)] = []
            for exception in stored.exceptions {
                let original = try LocalDateTime(parsing: exception.occurrence)
                if let target = exception.movedTo {
                    let local = try LocalDateTime(parsing: target)
                    moves.append((original, local, local.instant(in: zone)))
                } else {
                    cancelled.insert(original)
                }
            }
            let exdates = Array(cancelled) + moves.map(\.original)
            recurrence = RecurrenceSet(start: start, zone: zone, rule: rule, exdates: exdates)
            cancelledOccurrences = cancelled
            self.moves = moves.sorted { ($0.start, $0.original) < ($1.start, $1.original) }
        } catch {
            throw InputError(error.description, at: location)
        }
        var offsets: [ReminderOffset] = []
        for text in event.reminders {
            let offset: ReminderOffset
            do { offset = try ReminderOffset(parsing: text) } catch { throw error.located(location) }
            if !offsets.contains(offset) { offsets.append(offset) }
        }
        self.offsets = offsets.sorted(by: >)
        self.event = event
        self.id = event.id
        self.duration = event.durationSeconds
        self.lists = Set(event.lists.map { $0.lowercased() })
    }

    /// The event's iCalendar UID.
    public var uid: String { event.uid }

    /// The moved occurrences (original start → new start), ordered by their new start.
    public var movedOccurrences: [EventOccurrence] {
        moves.map { EventOccurrence(original: $0.original, local: $0.local, start: $0.start, end: $0.start.addingTimeInterval(TimeInterval(duration))) }
    }

    /// True when the whole series is cancelled: it has no occurrences.
    public var isCancelled: Bool { event.cancelled }

    /// The occurrences starting at or after `from` (all when nil), lazily, ascending by start.
    public func occurrences(from: Date? = nil) -> EventOccurrences {
        EventOccurrences(schedule: self, from: from)
    }

    /// The series' own occurrence (ignoring exceptions) whose wall-clock start is `local`, or whose
    /// instant is the same (a spring-gap time written either way); nil when there is none.
    public func seriesOccurrence(at local: LocalDateTime) -> Occurrence? {
        let instant = local.instant(in: zone)
        let bare = RecurrenceSet(start: recurrence.start, zone: zone, rule: recurrence.rule)
        for occurrence in bare.occurrences(from: instant) {
            if occurrence.start > instant { return nil }
            if occurrence.local == local || occurrence.start == instant { return occurrence }
        }
        return nil
    }
}

extension InputError {
    /// The same error, located at `location` unless it already has a location.
    func located(_ location: String) -> InputError {
        self.location == nil ? InputError(message, at: location, exitCode: exitCode) : self
    }
}

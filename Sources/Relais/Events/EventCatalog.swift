import Foundation
import Recurrence
import Store

/// Event operations for the CLI: validate, then write through the store in one transaction each,
/// on SQLite or PostgreSQL alike.
///
/// Errors are ``InputError``s (bad values, exit 65) or ``StoreError``s (no such event, database).
/// Its calls block their thread, as the store's do.
public struct EventCatalog: Sendable {
    /// The store.
    public let store: any EventStore
    /// Checks values (locales, lists, templates).
    public let validator: EventValidator
    /// The right-hand side of new events' UIDs (the sender's domain).
    public let uidDomain: String

    /// A catalog over `store`.
    public init(store: any EventStore, validator: EventValidator, uidDomain: String) {
        self.store = store
        self.validator = validator
        self.uidDomain = uidDomain
    }

    /// Adds an event; returns it with its id.
    public func add(_ changes: EventChanges, now: Date = Date()) throws -> Stored<Event> {
        let uid = UUID().uuidString.lowercased() + "@" + uidDomain
        let event = try validator.newEvent(changes, uid: uid, now: now)
        return try store.insertEvent(event)
    }

    /// Changes an event; the sequence is bumped when something changed. Exceptions whose
    /// occurrence is no longer part of a changed series are dropped.
    @discardableResult
    public func update(id: Int64, _ changes: EventChanges, now: Date = Date()) throws -> Stored<Event> {
        guard !changes.isEmpty else { throw InputError("nothing to change: give at least one option", exitCode: Sysexits.usage) }
        let stored = try stored(id)
        var event = stored.event
        try validator.apply(changes, to: &event.value)
        var dropped: [String] = []
        if event.startLocal != stored.event.startLocal || event.rule != stored.event.rule || event.timeZone != stored.event.timeZone {
            let schedule = try EventSchedule(StoredEvent(event: event, exceptions: []))
            for exception in stored.exceptions {
                let original = try LocalDateTime(parsing: exception.occurrence)
                if schedule.seriesOccurrence(at: original)?.local != original { dropped.append(exception.occurrence) }
            }
        }
        return try store.updateEvent(event, droppingExceptions: dropped, now: now)
    }

    /// Cancels one occurrence (by its original local start), or the whole series when nil;
    /// returns the occurrence's original start (nil for the series).
    @discardableResult
    public func cancel(id: Int64, occurrence: String?, now: Date = Date()) throws -> LocalDateTime? {
        guard let occurrence else {
            _ = try store.cancelEvent(id: id, now: now)
            return nil
        }
        let original = try seriesOccurrence(of: stored(id), at: occurrence)
        _ = try store.setException(eventId: id, occurrence: original.description, movedTo: nil, restore: false, now: now)
        return original
    }

    /// Moves one occurrence (by its original local start) to `target`, a local time in the
    /// event's zone; moving it back to its original time removes the exception (and a cancellation).
    /// Returns the occurrence's original start.
    @discardableResult
    public func move(id: Int64, occurrence: String, to target: String, now: Date = Date()) throws -> LocalDateTime {
        let original = try seriesOccurrence(of: stored(id), at: occurrence)
        let local = try EventValidator.parseLocal(target, option: "--to")
        _ = try store.setException(
            eventId: id, occurrence: original.description, movedTo: local.description, restore: local == original, now: now)
        return original
    }

    /// Deletes an event and its exceptions.
    public func remove(id: Int64, now: Date = Date()) throws {
        guard try store.removeEvent(id: id, now: now) else { throw StoreError(.notFound, "no event with id \(id)") }
    }

    /// The schedule of one event.
    public func schedule(id: Int64) throws -> EventSchedule {
        try EventSchedule(stored(id))
    }

    /// The schedules of every event (cancelled series too, when asked), ordered by id.
    public func schedules(includeCancelled: Bool = true) throws -> [EventSchedule] {
        try store.events(includeCancelled: includeCancelled).map { stored throws(InputError) in try EventSchedule(stored) }
    }

    private func stored(_ id: Int64) throws -> StoredEvent {
        guard let stored = try store.event(id: id) else { throw StoreError(.notFound, "no event with id \(id)") }
        return stored
    }

    /// The series' nominal local start for the occurrence typed as `text`, or an error saying it is none.
    private func seriesOccurrence(of stored: StoredEvent, at text: String) throws -> LocalDateTime {
        let local = try EventValidator.parseLocal(text, option: "--occurrence")
        let schedule = try EventSchedule(stored)
        guard let occurrence = schedule.seriesOccurrence(at: local) else {
            throw InputError("--occurrence \(local): not an occurrence of event \(schedule.id) (see: relaisctl event occurrences \(schedule.id))")
        }
        return occurrence.local
    }
}

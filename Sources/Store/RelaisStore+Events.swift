import Foundation
import GRDB
import StoreModel

extension RelaisStore {
    /// Inserts a new event and returns it with its id.
    public func insertEvent(_ event: Event) throws(StoreError) -> Stored<Event> {
        try write { db in try EventRow.insert(event, db) }
    }

    /// Replaces the stored event with `event` (matched by id), bumping `sequence` and `updatedAt`.
    ///
    /// The stored `uid`, `sequence` and `createdAt` win over `event`'s. Nothing is written (and the
    /// sequence stays) when `event` equals what is stored. The exceptions whose original
    /// occurrences are listed in `droppingExceptions` (no longer occurrences of a changed series)
    /// are deleted in the same transaction. Returns the stored result.
    public func updateEvent(
        _ event: Stored<Event>, droppingExceptions: [String] = [], now: Date = Date()
    ) throws(StoreError) -> Stored<Event> {
        try write { db in
            let stored = try Self.fetchEvent(id: event.id, db: db)
            for occurrence in droppingExceptions {
                try EventExceptionRow.deleteOne(db, key: ["eventId": stored.id, "occurrence": occurrence])
            }
            var updated = event
            updated.uid = stored.uid
            updated.createdAt = stored.createdAt
            updated.sequence = stored.sequence
            updated.updatedAt = stored.updatedAt
            if updated == stored { return stored }
            updated.sequence = stored.sequence + 1
            updated.updatedAt = now
            try EventRow(updated).update(db)
            return updated
        }
    }

    /// Cancels the whole series (`cancelled`, sequence bump); already cancelled is left as is.
    public func cancelEvent(id: Int64, now: Date = Date()) throws(StoreError) -> Stored<Event> {
        try write { db in
            var event = try Self.fetchEvent(id: id, db: db)
            guard !event.cancelled else { return event }
            event.cancelled = true
            event.sequence += 1
            event.updatedAt = now
            try EventRow(event).update(db)
            try Self.cancelPendingReminders(like: "event:\(id):%", reason: "the event was cancelled", now: now, db: db)
            return event
        }
    }

    /// Records an exception for one occurrence (by its original local start): cancelled when
    /// `movedTo` is nil, else moved there. Replaces an earlier exception for the same occurrence;
    /// `restore: true` deletes it instead. Bumps the event's sequence when something changed.
    public func setException(
        eventId: Int64, occurrence: String, movedTo: String?, restore: Bool = false, now: Date = Date()
    ) throws(StoreError) -> StoredEvent {
        try write { db in
            var event = try Self.fetchEvent(id: eventId, db: db)
            let key: [String: any DatabaseValueConvertible] = ["eventId": eventId, "occurrence": occurrence]
            let existing = try EventExceptionRow.fetchOne(db, key: key)
            var changed = false
            if restore {
                if existing != nil {
                    try EventExceptionRow.deleteOne(db, key: key)
                    changed = true
                }
            } else if existing.map({ $0.value.movedTo != movedTo }) ?? true {
                try EventExceptionRow(EventException(eventId: eventId, occurrence: occurrence, movedTo: movedTo, now: now)).save(db)
                changed = true
            }
            if changed {
                event.sequence += 1
                event.updatedAt = now
                try EventRow(event).update(db)
                // Reminders queued for this occurrence's old time must not go out; a moved
                // occurrence gets fresh ones (a new key) when they fall due.
                let source = "event:\(eventId):" + occurrence.filter { $0 != "-" && $0 != ":" }
                let reason = movedTo == nil && !restore ? "the occurrence was cancelled" : "the occurrence was moved"
                try Self.cancelPendingReminders(like: source, reason: reason, now: now, db: db)
            }
            return StoredEvent(event: event, exceptions: try Self.exceptions(eventId: eventId, db: db))
        }
    }

    /// Deletes an event and its exceptions. False if there is no such event.
    public func removeEvent(id: Int64, now: Date = Date()) throws(StoreError) -> Bool {
        try write { db in
            try Self.cancelPendingReminders(like: "event:\(id):%", reason: "the event was removed", now: now, db: db)
            return try EventRow.deleteOne(db, key: id)
        }
    }

    /// Cancels reminder rows not yet sent whose source matches the SQL `LIKE` pattern.
    static func cancelPendingReminders(like pattern: String, reason: String, now: Date, db: Database) throws {
        try db.execute(
            sql: """
                UPDATE queue SET state = 'cancelled', reason = ?, updatedAt = ?
                WHERE kind = 'reminder' AND source LIKE ? AND state IN ('scheduled', 'queued', 'deferred', 'held')
                """,
            arguments: [reason, now, pattern])
    }

    /// One event with its exceptions, or nil.
    public func event(id: Int64) throws(StoreError) -> StoredEvent? {
        try read { db in
            guard let event = try EventRow.fetchOne(db, key: id) else { return nil }
            return StoredEvent(event: event.stored, exceptions: try Self.exceptions(eventId: id, db: db))
        }
    }

    /// Every event with its exceptions, ordered by id; cancelled series only when asked.
    public func events(includeCancelled: Bool = false) throws(StoreError) -> [StoredEvent] {
        try read { db in
            var request = EventRow.order(EventRow.Columns.id)
            if !includeCancelled { request = request.filter(EventRow.Columns.cancelled == false) }
            let events = try request.fetchAll(db).map(\.stored)
            let exceptions = try EventExceptionRow
                .order(EventExceptionRow.Columns.eventId, EventExceptionRow.Columns.occurrence)
                .fetchAll(db).map(\.value)
            let byEvent = Dictionary(grouping: exceptions, by: \.eventId)
            return events.map { StoredEvent(event: $0, exceptions: byEvent[$0.id] ?? []) }
        }
    }

    /// The active (not cancelled) events with their exceptions: what the planner works from.
    public func activeEvents() throws(StoreError) -> [StoredEvent] {
        try events(includeCancelled: false)
    }

    static func fetchEvent(id: Int64, db: Database) throws -> Stored<Event> {
        guard let event = try EventRow.fetchOne(db, key: id) else {
            throw StoreError(.notFound, "no event with id \(id)")
        }
        return event.stored
    }

    static func exceptions(eventId: Int64, db: Database) throws -> [EventException] {
        try EventExceptionRow
            .filter(EventExceptionRow.Columns.eventId == eventId)
            .order(EventExceptionRow.Columns.occurrence)
            .fetchAll(db).map(\.value)
    }
}

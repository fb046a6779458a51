import Foundation
import Logging
import PostgresNIO
import StoreModel

/// Events and their exceptions as `relaisctl event …` changes them (``EventStore``), with
/// SQLite's semantics. A change locks the event's row (`FOR UPDATE`), so two changes of one
/// event take turns, as SQLite's single writer makes them.
extension PostgresRelaisStore {
    /// Inserts a new event and returns it with its id.
    public func insertEvent(_ event: Event) throws(StoreError) -> Stored<Event> {
        try transaction("add an event") { connection, logger in
            let json = try Self.jsonColumns(event)
            let id = try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    INSERT INTO "event" ("uid", "titles", "descriptions", "startLocal", "timeZone", "rule", "durationSeconds",
                      "lists", "reminders", "template", "location", "url", "sequence", "cancelled", "createdAt", "updatedAt")
                    VALUES (\(event.uid), \(json.titles)::jsonb, \(json.descriptions)::jsonb,
                      \(event.startLocal), \(event.timeZone), \(event.rule), \(event.durationSeconds),
                      \(json.lists)::jsonb, \(json.reminders)::jsonb, \(event.template),
                      \(event.location), \(event.url), \(event.sequence), \(event.cancelled), \(event.createdAt), \(event.updatedAt))
                    RETURNING "id"
                    """, logger: logger)
            ).first
            guard let id else { throw StoreError(.database, "PostgreSQL: no id for the new event") }
            return Stored(id: id, event)
        }
    }

    /// Replaces the stored event with `event`, keeping its `uid`, `sequence` and `createdAt`;
    /// bumps `sequence` and `updatedAt` only when something changed. The exceptions of
    /// `droppingExceptions` are deleted in the same transaction.
    public func updateEvent(_ event: Stored<Event>, droppingExceptions: [String], now: Date) throws(StoreError) -> Stored<Event> {
        try transaction("update event \(event.id)") { connection, logger in
            let stored = try await Self.eventForUpdate(id: event.id, connection, logger: logger)
            if !droppingExceptions.isEmpty {
                try await connection.query(
                    """
                    DELETE FROM "eventException" WHERE "eventId" = \(event.id) AND "occurrence" = ANY(\(droppingExceptions))
                    """, logger: logger)
            }
            var updated = event
            updated.value.uid = stored.uid
            updated.value.createdAt = stored.createdAt
            updated.value.sequence = stored.sequence
            updated.value.updatedAt = stored.updatedAt
            if updated.value == stored.value { return stored }
            updated.value.sequence = stored.sequence + 1
            updated.value.updatedAt = now
            try await Self.write(updated, connection, logger: logger)
            return updated
        }
    }

    /// Cancels the whole series and its unsent reminders; one already cancelled is left as it is.
    public func cancelEvent(id: Int64, now: Date) throws(StoreError) -> Stored<Event> {
        try transaction("cancel event \(id)") { connection, logger in
            var event = try await Self.eventForUpdate(id: id, connection, logger: logger)
            guard !event.cancelled else { return event }
            event.value.cancelled = true
            event.value.sequence += 1
            event.value.updatedAt = now
            try await Self.write(event, connection, logger: logger)
            try await Self.cancelPendingReminders(like: "event:\(id):%", reason: "the event was cancelled", now: now, connection, logger: logger)
            return event
        }
    }

    /// Records, replaces or (`restore`) deletes the exception of one occurrence; when something
    /// changed, bumps the sequence and cancels the occurrence's unsent reminders (a moved one gets
    /// fresh ones, with a new key, when they fall due).
    public func setException(
        eventId: Int64, occurrence: String, movedTo: String?, restore: Bool, now: Date
    ) throws(StoreError) -> StoredEvent {
        try transaction("change an occurrence of event \(eventId)") { connection, logger in
            var event = try await Self.eventForUpdate(id: eventId, connection, logger: logger)
            let existing = try await Self.exceptions(
                connection.query(
                    """
                    SELECT \(unescaped: Self.exceptionColumns) FROM "eventException"
                    WHERE "eventId" = \(eventId) AND "occurrence" = \(occurrence)
                    """, logger: logger)
            ).first
            var changed = false
            if restore {
                if existing != nil {
                    try await connection.query(
                        #"DELETE FROM "eventException" WHERE "eventId" = \#(eventId) AND "occurrence" = \#(occurrence)"#, logger: logger)
                    changed = true
                }
            } else if existing.map({ $0.movedTo != movedTo }) ?? true {
                try await connection.query(
                    """
                    INSERT INTO "eventException" ("eventId", "occurrence", "movedTo", "createdAt")
                    VALUES (\(eventId), \(occurrence), \(movedTo), \(now))
                    ON CONFLICT ("eventId", "occurrence") DO UPDATE SET "movedTo" = EXCLUDED."movedTo", "createdAt" = EXCLUDED."createdAt"
                    """, logger: logger)
                changed = true
            }
            if changed {
                event.value.sequence += 1
                event.value.updatedAt = now
                try await Self.write(event, connection, logger: logger)
                let source = "event:\(eventId):" + occurrence.filter { $0 != "-" && $0 != ":" }
                let reason = movedTo == nil && !restore ? "the occurrence was cancelled" : "the occurrence was moved"
                try await Self.cancelPendingReminders(like: source, reason: reason, now: now, connection, logger: logger)
            }
            let exceptions = try await Self.exceptions(
                connection.query(
                    """
                    SELECT \(unescaped: Self.exceptionColumns) FROM "eventException" WHERE "eventId" = \(eventId)
                    ORDER BY "occurrence" COLLATE "C"
                    """, logger: logger))
            return StoredEvent(event: event, exceptions: exceptions)
        }
    }

    /// Deletes an event (its exceptions and answers with it) and cancels its unsent reminders;
    /// false when there is no such event.
    public func removeEvent(id: Int64, now: Date) throws(StoreError) -> Bool {
        try transaction("remove event \(id)") { connection, logger in
            try await Self.cancelPendingReminders(like: "event:\(id):%", reason: "the event was removed", now: now, connection, logger: logger)
            let deleted = try await Self.column(
                Int64.self, of: connection.query(#"DELETE FROM "event" WHERE "id" = \#(id) RETURNING "id""#, logger: logger))
            return !deleted.isEmpty
        }
    }

    /// Event `id`, its row locked until the transaction ends; `.notFound` (SQLite's words) when there is none.
    static func eventForUpdate(id: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> Stored<Event> {
        let rows = try await connection.query(
            #"SELECT \#(unescaped: eventColumns) FROM "event" WHERE "id" = \#(id) FOR UPDATE"#, logger: logger)
        var found: Stored<Event>?
        for try await row in rows { found = try event(row.makeRandomAccess()) }
        guard let found else { throw StoreError(.notFound, "no event with id \(id)") }
        return found
    }

    /// Writes every column of `event` but its id and uid.
    private static func write(_ event: Stored<Event>, _ connection: PostgresConnection, logger: Logger) async throws {
        let json = try jsonColumns(event.value)
        try await connection.query(
            """
            UPDATE "event" SET "titles" = \(json.titles)::jsonb, "descriptions" = \(json.descriptions)::jsonb,
              "startLocal" = \(event.startLocal), "timeZone" = \(event.timeZone), "rule" = \(event.rule),
              "durationSeconds" = \(event.durationSeconds), "lists" = \(json.lists)::jsonb,
              "reminders" = \(json.reminders)::jsonb, "template" = \(event.template), "location" = \(event.location),
              "url" = \(event.url), "sequence" = \(event.sequence), "cancelled" = \(event.cancelled), "updatedAt" = \(event.updatedAt)
            WHERE "id" = \(event.id)
            """, logger: logger)
    }

    /// Cancels the reminder rows not sent yet whose source matches the `LIKE` pattern, with `reason`.
    static func cancelPendingReminders(
        like pattern: String, reason: String, now: Date, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            """
            UPDATE "queue" SET "state" = 'cancelled', "reason" = \(reason), "updatedAt" = \(now)
            WHERE "kind" = 'reminder' AND "source" LIKE \(pattern) AND "state" IN ('scheduled', 'queued', 'deferred', 'held')
            """, logger: logger)
    }

    /// An event's `jsonb` columns as JSON text, encoded as SQLite's store encodes them.
    private static func jsonColumns(_ event: Event) throws -> (titles: String, descriptions: String, lists: String, reminders: String) {
        func text<Value: Encodable>(_ value: Value) throws -> String { String(decoding: try JSONEncoder().encode(value), as: UTF8.self) }
        return (try text(event.titles), try text(event.descriptions), try text(event.lists), try text(event.reminders))
    }
}

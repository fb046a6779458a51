import Foundation
import PostgresNIO
import StoreModel

/// What the reminder planner reads and writes (``PlanningStore``), for several daemons at once.
extension PostgresRelaisStore {
    /// Every event with its exceptions, ordered by id; cancelled series only with `includeCancelled`.
    public func events(includeCancelled: Bool) throws(StoreError) -> [StoredEvent] {
        try transaction("read the events") { connection, logger in
            let rows = try await connection.query(
                #"SELECT \#(unescaped: Self.eventColumns) FROM "event" WHERE \#(includeCancelled) OR NOT "cancelled" ORDER BY "id""#,
                logger: logger)
            var events: [Stored<Event>] = []
            for try await row in rows { events.append(try Self.event(row.makeRandomAccess())) }
            let exceptions = try await Self.exceptions(
                connection.query(
                    """
                    SELECT \(unescaped: Self.exceptionColumns) FROM "eventException" ORDER BY "eventId", "occurrence" COLLATE "C"
                    """, logger: logger))
            let byEvent = Dictionary(grouping: exceptions, by: \.eventId)
            return events.map { StoredEvent(event: $0, exceptions: byEvent[$0.id] ?? []) }
        }
    }

    /// Active members with the lists they are subscribed to, by member id; with `lists` (names
    /// compared case-insensitively), only the members of those lists, and only those lists. A
    /// member subscribed to none of them is absent.
    public func activeMembersWithLists(in lists: [String]?) throws(StoreError) -> [(member: Stored<Member>, lists: [String])] {
        if let lists, lists.isEmpty { return [] }
        return try transaction("read the members and their lists") { connection, logger in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.memberColumns), array_agg("list"."name" ORDER BY "list"."id") AS "lists"
                FROM "member"
                  JOIN "membership" ON "membership"."memberId" = "member"."id"
                  JOIN "list" ON "list"."id" = "membership"."listId"
                WHERE "member"."status" = 'active' AND "membership"."subscribed"
                  AND (\(lists == nil) OR lower("list"."name") IN (SELECT lower("wanted") FROM unnest(\(lists ?? [])::text[]) AS "wanted"))
                GROUP BY "member"."id" ORDER BY "member"."id"
                """, logger: logger)
            var members: [(member: Stored<Member>, lists: [String])] = []
            for try await (id, email, name, locale, status, token, bounceReply, createdAt, updatedAt, names)
                in rows.decode((Int64, String, String, String, String, String, String?, Date, Date, [String]).self)
            {
                members.append((try Self.member((id, email, name, locale, status, token, bounceReply, createdAt, updatedAt)), names))
            }
            return members
        }
    }

    /// The members who answered no for occurrence `occurrence` (its original local start) of event `eventId`.
    public func declinedMembers(eventId: Int64, occurrence: String) throws(StoreError) -> Set<Int64> {
        try transaction("read the RSVP answers") { connection, logger in
            Set(try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    SELECT "memberId" FROM "rsvp" WHERE "eventId" = \(eventId) AND "occurrence" = \(occurrence) AND "answer" = 'no'
                    """, logger: logger)))
        }
    }

    /// The instant up to which reminders were planned, if they ever were.
    public func remindersPlannedUntil() throws(StoreError) -> Date? {
        try transaction("read the planning watermark") { connection, logger in
            try await Self.column(
                Date.self,
                of: connection.query(#"SELECT "remindersPlannedUntil" FROM "plannerState" WHERE "id" = 1"#, logger: logger)
            ).first
        }
    }

    /// Queues reminder rows and moves the watermark to `plannedUntil` in one transaction; the
    /// watermark only moves forward (`GREATEST`), so a planner that read an older watermark cannot
    /// take it back. Returns how many rows were new, and wakes the daemons when there are some.
    ///
    /// The watermark's row is written first: it is locked until the commit, so two planners take
    /// turns here, and the second finds the first's rows by their idempotency keys (ignoring
    /// them) instead of the two inserting the same keys in different orders and deadlocking.
    public func enqueueReminders(_ rows: [QueueMessage], plannedUntil: Date) throws(StoreError) -> Int {
        try transaction("queue reminders") { connection, logger in
            try await connection.query(
                """
                INSERT INTO "plannerState" ("id", "remindersPlannedUntil") VALUES (1, \(plannedUntil))
                ON CONFLICT ("id") DO UPDATE
                  SET "remindersPlannedUntil" = GREATEST("plannerState"."remindersPlannedUntil", EXCLUDED."remindersPlannedUntil")
                """, logger: logger)
            let inserted = try await Self.insert(rows, connection, logger: logger)
            if inserted > 0 { try await self.notifyQueue(connection, logger: logger) }
            return inserted
        }
    }

    /// Queues reminder rows decided outside the planner (late notices), without moving the
    /// watermark; returns how many were new.
    public func enqueueLateReminders(_ rows: [QueueMessage]) throws(StoreError) -> Int {
        try enqueue(rows)
    }
}

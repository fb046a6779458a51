import Foundation
import Logging
import PostgresNIO
import StoreModel

/// Announcements fanned out into queue rows, each exactly once however many daemons plan.
extension PostgresRelaisStore {
    /// Queues every pending announcement due by `now`: one row per active member of its lists
    /// (made by `makeRow`, on the calling thread), then the announcement is `queued` with how many
    /// rows were new; returns how many rows were queued, and wakes the daemons when there are some.
    ///
    /// One transaction locks the due announcements with `FOR UPDATE SKIP LOCKED`: one that
    /// another daemon is fanning out is passed over (it is `queued` once that daemon commits), so
    /// no announcement is fanned out twice and no daemon waits for another. The rows go in
    /// ``enqueueBatch`` per statement, so 100,000 members take a hundred statements, not 100,000.
    public func queueDueAnnouncements(
        now: Date, makeRow: (Stored<Announcement>, Stored<Member>) -> QueueMessage
    ) throws(StoreError) -> Int {
        try transaction(
            "queue due announcements",
            answering: { (fanOut: (announcement: Stored<Announcement>, members: [Stored<Member>])) in
                fanOut.members.map { makeRow(fanOut.announcement, $0) }
            }
        ) { connection, logger, makeRows in
            let due = try await Self.announcements(
                connection.query(
                    """
                    SELECT \(unescaped: Self.announcementColumns) FROM "announcement"
                    WHERE "state" = 'pending' AND "dueAt" <= \(now)
                    ORDER BY "dueAt", "id" FOR UPDATE SKIP LOCKED
                    """, logger: logger))
            var total = 0
            for announcement in due {
                let members = try await Self.activeMembers(inLists: announcement.lists, connection, logger: logger)
                let inserted = try await Self.insert(await makeRows((announcement, members)), connection, logger: logger)
                try await connection.query(
                    """
                    UPDATE "announcement" SET "state" = 'queued', "queuedCount" = \(inserted) WHERE "id" = \(announcement.id)
                    """, logger: logger)
                logger.debug(
                    "queued an announcement",
                    metadata: ["relais.announcement.id": "\(announcement.id)", "relais.announcement.rows": "\(inserted)"])
                total += inserted
            }
            if total > 0 { try await self.notifyQueue(connection, logger: logger) }
            return total
        }
    }

    /// Active members subscribed to at least one of `lists` (names compared case-insensitively),
    /// each once, by address: who an announcement goes to, as SQLite's `activeMembers(inLists:)`.
    static func activeMembers(inLists lists: [String], _ connection: PostgresConnection, logger: Logger) async throws -> [Stored<Member>] {
        guard !lists.isEmpty else { return [] }
        return try await members(
            connection.query(
                """
                SELECT \(unescaped: memberColumns) FROM "member" WHERE "status" = 'active' AND "id" IN (
                  SELECT "membership"."memberId" FROM "membership" JOIN "list" ON "list"."id" = "membership"."listId"
                  WHERE "membership"."subscribed"
                    AND lower("list"."name") IN (SELECT lower("wanted") FROM unnest(\(lists)::text[]) AS "wanted"))
                ORDER BY lower("email") COLLATE "C"
                """, logger: logger))
    }

    /// The pending announcements, soonest first.
    public func pendingAnnouncements() throws(StoreError) -> [Stored<Announcement>] {
        try transaction("read the pending announcements") { connection, logger in
            try await Self.announcements(
                connection.query(
                    """
                    SELECT \(unescaped: Self.announcementColumns) FROM "announcement" WHERE "state" = 'pending' ORDER BY "dueAt", "id"
                    """, logger: logger))
        }
    }
}

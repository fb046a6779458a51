import Foundation
import Logging
import PostgresNIO
import StoreModel

/// Announcements as `relaisctl announce` makes them (``AnnouncementStore``).
extension PostgresRelaisStore {
    /// Creates an announcement in one transaction; when it is due by `now`, queues one row per
    /// active member of its lists (made by `makeRow`) in the same transaction, as SQLite does.
    /// Returns it with its id and `queuedCount` (for a later one: the members it would reach
    /// now, which is not stored). Wakes the daemons either way: new rows are due, or a new
    /// pending announcement may be the next thing to do.
    public func createAnnouncement(
        _ announcement: Announcement, now: Date, makeRow: @escaping @Sendable (Stored<Announcement>, Stored<Member>) -> QueueMessage
    ) throws(StoreError) -> Stored<Announcement> {
        try transaction("create an announcement") { connection, logger in
            for list in announcement.lists where try await Self.existingListID(named: list, connection, logger: logger) == nil {
                throw StoreError(.notFound, "no list named \"\(list)\"")
            }
            let lists = String(decoding: try JSONEncoder().encode(announcement.lists), as: UTF8.self)
            let id = try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    INSERT INTO "announcement" ("template", "lists", "data", "dueAt", "state", "queuedCount", "createdAt", "eventId",
                      "occurrence", "previous")
                    VALUES (\(announcement.template), \(lists)::jsonb, \(announcement.data), \(announcement.dueAt),
                      \(announcement.state.rawValue), \(announcement.queuedCount), \(announcement.createdAt), \(announcement.eventId),
                      \(announcement.occurrence), \(announcement.previous))
                    RETURNING "id"
                    """, logger: logger)
            ).first
            guard let id else { throw StoreError(.database, "PostgreSQL: no id for the new announcement") }
            var stored = Stored(id: id, announcement)
            let members = try await Self.activeMembers(ofLists: announcement.lists, connection, logger: logger)
            if stored.dueAt <= now {
                let rows = members.map { makeRow(stored, $0) }
                stored.state = .queued
                stored.queuedCount = try await Self.insert(rows, connection, logger: logger)
                try await connection.query(
                    """
                    UPDATE "announcement" SET "state" = \(stored.state.rawValue), "queuedCount" = \(stored.queuedCount) WHERE "id" = \(id)
                    """, logger: logger)
            } else {
                stored.queuedCount = members.count
            }
            try await self.notifyQueue(connection, logger: logger)
            return stored
        }
    }
}

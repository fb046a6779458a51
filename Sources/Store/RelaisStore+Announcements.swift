import Foundation
import GRDB
import StoreModel

extension RelaisStore {
    /// Active members subscribed to at least one of `lists`, each once, by address.
    public func activeMembers(inLists lists: [String]) throws(StoreError) -> [Stored<Member>] {
        try read { db in try Self.activeMembers(inLists: lists, db: db) }
    }

    static func activeMembers(inLists lists: [String], db: Database) throws -> [Stored<Member>] {
        guard !lists.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: lists.count).joined(separator: ",")
        return try MemberRow.fetchAll(
            db,
            sql: """
                SELECT * FROM member WHERE status = 'active' AND id IN (
                  SELECT memberId FROM membership JOIN list ON list.id = membership.listId
                  WHERE membership.subscribed AND list.name IN (\(placeholders)) COLLATE NOCASE)
                ORDER BY email
                """,
            arguments: StatementArguments(lists)
        ).map(\.stored)
    }

    /// Creates an announcement; when it is due now, queues one row per recipient in the same transaction.
    /// Returns the announcement (with its id and `queuedCount`).
    public func createAnnouncement(
        _ announcement: Announcement, now: Date, makeRow: @escaping @Sendable (Stored<Announcement>, Stored<Member>) -> QueueMessage
    ) throws(StoreError) -> Stored<Announcement> {
        try write { db in
            for list in announcement.lists where try Self.listId(named: list, create: false, db: db, now: now) == nil {
                throw StoreError(.notFound, "no list named \"\(list)\"")
            }
            var announcement = try AnnouncementRow.insert(announcement, db)
            if announcement.dueAt <= now {
                try Self.queue(&announcement, now: now, db: db, makeRow: makeRow)
            } else {
                announcement.queuedCount = try Self.activeMembers(inLists: announcement.lists, db: db).count
            }
            return announcement
        }
    }

    /// Queues every pending announcement due by `now`; returns how many rows were queued.
    public func queueDueAnnouncements(now: Date, makeRow: (Stored<Announcement>, Stored<Member>) -> QueueMessage) throws(StoreError) -> Int {
        try write { db in
            var total = 0
            let due = try AnnouncementRow
                .filter(AnnouncementRow.Columns.state == Announcement.State.pending.rawValue && AnnouncementRow.Columns.dueAt <= now)
                .fetchAll(db)
            for var announcement in due.map(\.stored) {
                total += try Self.queue(&announcement, now: now, db: db, makeRow: makeRow)
            }
            return total
        }
    }

    /// The pending announcements, soonest first.
    public func pendingAnnouncements() throws(StoreError) -> [Stored<Announcement>] {
        try read { db in
            try AnnouncementRow.filter(AnnouncementRow.Columns.state == Announcement.State.pending.rawValue)
                .order(AnnouncementRow.Columns.dueAt).fetchAll(db).map(\.stored)
        }
    }

    /// One announcement.
    public func announcement(id: Int64) throws(StoreError) -> Stored<Announcement>? {
        try read { db in try AnnouncementRow.fetchOne(db, key: id)?.stored }
    }

    @discardableResult
    private static func queue(
        _ announcement: inout Stored<Announcement>, now: Date, db: Database, makeRow: (Stored<Announcement>, Stored<Member>) -> QueueMessage
    ) throws -> Int {
        let members = try activeMembers(inLists: announcement.lists, db: db)
        let inserted = try enqueue(members.map { makeRow(announcement, $0) }, db: db)
        announcement.state = .queued
        announcement.queuedCount = inserted
        try AnnouncementRow(announcement).update(db)
        return inserted
    }
}

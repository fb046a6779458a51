import Foundation
import GRDB

extension RelaisStore {
    /// Active members subscribed to at least one of `lists`, each once, by address.
    public func activeMembers(inLists lists: [String]) throws(StoreError) -> [MemberRecord] {
        try read { db in try Self.activeMembers(inLists: lists, db: db) }
    }

    static func activeMembers(inLists lists: [String], db: Database) throws -> [MemberRecord] {
        guard !lists.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: lists.count).joined(separator: ",")
        return try MemberRecord.fetchAll(
            db,
            sql: """
                SELECT * FROM member WHERE status = 'active' AND id IN (
                  SELECT memberId FROM membership JOIN list ON list.id = membership.listId
                  WHERE membership.subscribed AND list.name IN (\(placeholders)) COLLATE NOCASE)
                ORDER BY email
                """,
            arguments: StatementArguments(lists))
    }

    /// Creates an announcement; when it is due now, queues one row per recipient in the same transaction.
    /// Returns the announcement (with its id and `queuedCount`).
    public func createAnnouncement(
        _ announcement: AnnouncementRecord, now: Date, makeRow: (AnnouncementRecord, MemberRecord) -> QueueRecord
    ) throws(StoreError) -> AnnouncementRecord {
        try write { db in
            var announcement = announcement
            for list in announcement.lists where try Self.listId(named: list, create: false, db: db, now: now) == nil {
                throw StoreError(.notFound, "no list named \"\(list)\"")
            }
            try announcement.insert(db)
            if announcement.dueAt <= now {
                try Self.queue(&announcement, now: now, db: db, makeRow: makeRow)
            } else {
                announcement.queuedCount = try Self.activeMembers(inLists: announcement.lists, db: db).count
            }
            return announcement
        }
    }

    /// Queues every pending announcement due by `now`; returns how many rows were queued.
    public func queueDueAnnouncements(now: Date, makeRow: (AnnouncementRecord, MemberRecord) -> QueueRecord) throws(StoreError) -> Int {
        try write { db in
            var total = 0
            let due = try AnnouncementRecord
                .filter(AnnouncementRecord.Columns.state == AnnouncementRecord.State.pending && AnnouncementRecord.Columns.dueAt <= now)
                .fetchAll(db)
            for var announcement in due {
                total += try Self.queue(&announcement, now: now, db: db, makeRow: makeRow)
            }
            return total
        }
    }

    /// The pending announcements, soonest first.
    public func pendingAnnouncements() throws(StoreError) -> [AnnouncementRecord] {
        try read { db in
            try AnnouncementRecord.filter(AnnouncementRecord.Columns.state == AnnouncementRecord.State.pending)
                .order(AnnouncementRecord.Columns.dueAt).fetchAll(db)
        }
    }

    /// One announcement.
    public func announcement(id: Int64) throws(StoreError) -> AnnouncementRecord? {
        try read { db in try AnnouncementRecord.fetchOne(db, key: id) }
    }

    @discardableResult
    private static func queue(
        _ announcement: inout AnnouncementRecord, now: Date, db: Database, makeRow: (AnnouncementRecord, MemberRecord) -> QueueRecord
    ) throws -> Int {
        let members = try activeMembers(inLists: announcement.lists, db: db)
        let inserted = try enqueue(members.map { makeRow(announcement, $0) }, db: db)
        announcement.state = .queued
        announcement.queuedCount = inserted
        try announcement.update(db)
        return inserted
    }
}

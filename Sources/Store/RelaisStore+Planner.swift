import Foundation
import GRDB

extension RelaisStore {
    /// The instant up to which reminders were planned, if the daemon ever planned.
    public func remindersPlannedUntil() throws(StoreError) -> Date? {
        try read { db in try Date.fetchOne(db, sql: "SELECT remindersPlannedUntil FROM plannerState WHERE id = 1") }
    }

    /// Queues reminder rows and moves the planning watermark, in ONE transaction, so a crash
    /// can neither lose the rows nor plan them twice. Returns how many rows were new.
    public func enqueueReminders(_ rows: [QueueRecord], plannedUntil: Date) throws(StoreError) -> Int {
        try write { db in
            let inserted = try Self.enqueue(rows, db: db)
            try db.execute(
                sql: "INSERT INTO plannerState (id, remindersPlannedUntil) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET remindersPlannedUntil = excluded.remindersPlannedUntil",
                arguments: [plannedUntil])
            return inserted
        }
    }

    /// Active members with the lists they are subscribed to (for the reminder planner).
    public func activeMembersWithLists() throws(StoreError) -> [(member: MemberRecord, lists: [String])] {
        try read { db in
            var lists: [Int64: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT memberId, list.name FROM membership JOIN list ON list.id = listId WHERE subscribed") {
                lists[row["memberId"], default: []].append(row["name"])
            }
            return try MemberRecord.filter(MemberRecord.Columns.status == MemberRecord.Status.active).fetchAll(db)
                .map { ($0, lists[$0.id ?? 0] ?? []) }
        }
    }
}

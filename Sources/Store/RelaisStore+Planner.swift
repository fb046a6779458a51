import Foundation
import GRDB
import StoreModel

extension RelaisStore {
    /// The instant up to which reminders were planned, if the daemon ever planned.
    public func remindersPlannedUntil() throws(StoreError) -> Date? {
        try read { db in try Date.fetchOne(db, sql: "SELECT remindersPlannedUntil FROM plannerState WHERE id = 1") }
    }

    /// Queues reminder rows and moves the planning watermark, in ONE transaction, so a crash
    /// can neither lose the rows nor plan them twice. The watermark only moves forward (the
    /// ``PlanningStore`` contract; dates are stored as text that sorts as they do). Returns how
    /// many rows were new.
    public func enqueueReminders(_ rows: [QueueMessage], plannedUntil: Date) throws(StoreError) -> Int {
        try write { db in
            let inserted = try Self.enqueue(rows, db: db)
            try db.execute(
                sql: """
                    INSERT INTO plannerState (id, remindersPlannedUntil) VALUES (1, ?)
                    ON CONFLICT(id) DO UPDATE SET remindersPlannedUntil = MAX(remindersPlannedUntil, excluded.remindersPlannedUntil)
                    """,
                arguments: [plannedUntil])
            return inserted
        }
    }

    /// Active members with the lists they are subscribed to (for the reminder planner); with
    /// `lists`, only the members of those lists, and only those lists.
    public func activeMembersWithLists(in lists: [String]? = nil) throws(StoreError) -> [(member: Stored<Member>, lists: [String])] {
        try read { db in
            var filter = ""
            var arguments = StatementArguments()
            if let lists {
                guard !lists.isEmpty else { return [] }
                filter = " AND list.name IN (" + Array(repeating: "?", count: lists.count).joined(separator: ",") + ") COLLATE NOCASE"
                arguments = StatementArguments(lists)
            }
            var byMember: [Int64: [String]] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT memberId, list.name FROM membership JOIN list ON list.id = listId WHERE subscribed" + filter,
                arguments: arguments)
            {
                byMember[row["memberId"], default: []].append(row["name"])
            }
            return try MemberRow.filter(MemberRow.Columns.status == Member.Status.active.rawValue)
                .filter(byMember.keys.contains(MemberRow.Columns.id))
                .fetchAll(db)
                .map { ($0.stored, byMember[$0.stored.id] ?? []) }
        }
    }
}

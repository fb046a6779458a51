import Foundation
import GRDB
import StoreModel

extension RelaisStore {
    /// Cancels member `memberId`'s unsent announcement and reminder rows whose lists she is no
    /// longer on (she left the only list, or every list, they were for), in the caller's
    /// transaction; rows for a list she is still on stay. Rows a daemon has claimed but not
    /// started are cancelled too: the daemon drops them before they start, and one already on
    /// the wire is recorded as sent. Returns how many.
    @discardableResult
    static func cancelUnreachable(memberId: Int64, reason: String, db: Database, now: Date) throws -> Int {
        let pending = try Row.fetchAll(
            db,
            sql: """
                SELECT id, source FROM queue
                WHERE memberId = ? AND state IN ('scheduled', 'queued', 'deferred', 'held', 'unknown', 'sending')
                  AND (source LIKE 'announcement:%' OR source LIKE 'event:%')
                """,
            arguments: [memberId])
        guard !pending.isEmpty else { return 0 }
        let subscribed = Set(try String.fetchAll(
            db,
            sql: "SELECT list.name FROM membership JOIN list ON list.id = membership.listId WHERE memberId = ? AND subscribed",
            arguments: [memberId]))
        var audiences: [String: [String]] = [:]
        var unreachable: [Int64] = []
        for row in pending {
            let source: String = row["source"]
            if audiences[source] == nil { audiences[source] = try audience(of: source, db: db) }
            let lists = audiences[source] ?? []
            // A row with no list behind it (its announcement or event was removed) is not ours to judge.
            if !lists.isEmpty && subscribed.isDisjoint(with: lists) { unreachable.append(row["id"]) }
        }
        guard !unreachable.isEmpty else { return 0 }
        try db.execute(literal: """
            UPDATE queue SET state = 'cancelled', reason = \(reason), leaseOwner = NULL, leaseExpiresAt = NULL, updatedAt = \(now)
            WHERE id IN \(unreachable)
            """)
        return unreachable.count
    }

    /// The lists a queue row's source was sent to: its announcement's, or its event's for a reminder.
    private static func audience(of source: String, db: Database) throws -> [String] {
        let parts = source.split(separator: ":")
        guard parts.count >= 2, let id = Int64(parts[1]) else { return [] }
        let table = parts[0] == "announcement" ? "announcement" : "event"
        guard let json = try String.fetchOne(db, sql: "SELECT lists FROM \(table) WHERE id = ?", arguments: [id]),
              let lists = try? JSONDecoder().decode([String].self, from: Data(json.utf8))
        else { return [] }
        return lists
    }
}

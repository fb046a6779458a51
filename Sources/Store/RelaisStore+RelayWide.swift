import Foundation
import GRDB
import StoreModel

extension RelaisStore {
    /// Puts back rows that a relay-wide refusal failed: they are queued again at `date`, their
    /// attempt no longer counts against the recipient, and a member that the refusal marked
    /// bounced is active again. Only rows in state `failed` change. Returns how many did.
    @discardableResult
    public func reopen(ids: [Int64], at date: Date, reason: String, now: Date = Date()) throws(StoreError) -> Int {
        guard !ids.isEmpty else { return 0 }
        return try write { db in
            let rows = try Row.fetchAll(
                db,
                SQLRequest(literal: """
                    SELECT id, memberId, lastReplyCode, lastReplyEnhanced, lastReplyText FROM queue
                    WHERE state = 'failed' AND id IN \(ids)
                    """))
            for row in rows {
                let line = ReplyLine.join(code: row["lastReplyCode"], enhanced: row["lastReplyEnhanced"], text: row["lastReplyText"])
                try db.execute(
                    sql: """
                        UPDATE queue SET state = 'queued', attempts = MAX(attempts - 1, 0), nextAttemptAt = :at,
                          reason = :reason, updatedAt = :now WHERE id = :id
                        """,
                    arguments: ["at": date, "reason": reason, "now": now, "id": row["id"] as Int64])
                if let memberId = row["memberId"] as Int64?, let line {
                    try db.execute(
                        sql: """
                            UPDATE member SET status = 'active', bounceReply = NULL, updatedAt = :now
                            WHERE id = :member AND status = 'bounced' AND bounceReply = :line
                            """,
                        arguments: ["now": now, "member": memberId, "line": line])
                }
            }
            return rows.count
        }
    }

    /// Makes bounced members active again: the one with `email`, or every member that bounced at
    /// or after `bouncedSince`. Returns the addresses that changed.
    public func reactivate(email: String?, bouncedSince: Date?, now: Date = Date()) throws(StoreError) -> [String] {
        try write { db in
            var conditions = ["status = 'bounced'"]
            var arguments: [any DatabaseValueConvertible] = []
            if let email {
                guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM member WHERE email = ?", arguments: [email]) ?? 0 > 0 else {
                    throw StoreError(.notFound, "no member with address \(email)")
                }
                conditions.append("email = ?")
                arguments.append(email)
            }
            if let bouncedSince {
                conditions.append("updatedAt >= ?")
                arguments.append(bouncedSince)
            }
            let filter = conditions.joined(separator: " AND ")
            let emails = try String.fetchAll(
                db, sql: "SELECT email FROM member WHERE \(filter) ORDER BY email", arguments: StatementArguments(arguments))
            try db.execute(
                sql: "UPDATE member SET status = 'active', bounceReply = NULL, updatedAt = ? WHERE \(filter)",
                arguments: StatementArguments([now] + arguments))
            return emails
        }
    }
}

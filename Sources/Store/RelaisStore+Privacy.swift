import Foundation
import GRDB
import StoreModel

/// Export and forget (GDPR articles 15 and 17), and the suppression list that keeps a
/// forgotten address from coming back.
extension RelaisStore {
    /// Every row that refers to the member with address `email`: her member row, memberships,
    /// history, RSVPs, queue rows (hers, or addressed to her) with their attempts, and bounce
    /// records. Nil when there is no such member.
    public func exportMember(email: String) throws(StoreError) -> MemberExport? {
        try read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM member WHERE email = ?", arguments: [email]) else { return nil }
            let stored = try String.fetchOne(db, sql: "SELECT email FROM member WHERE id = ?", arguments: [id]) ?? email
            let queueFilter = "memberId = :id OR recipient = :email COLLATE NOCASE"
            let arguments: StatementArguments = ["id": id, "email": stored]
            let queries: [(String, String)] = [
                ("member", "SELECT * FROM member WHERE id = :id"),
                ("membership", "SELECT list.name AS list, membership.* FROM membership JOIN list ON list.id = membership.listId WHERE memberId = :id ORDER BY list.name"),
                ("memberChange", "SELECT * FROM memberChange WHERE memberId = :id ORDER BY at, id"),
                ("rsvp", "SELECT * FROM rsvp WHERE memberId = :id ORDER BY eventId, occurrence"),
                ("queue", "SELECT * FROM queue WHERE \(queueFilter) ORDER BY id"),
                ("attempt", "SELECT * FROM attempt WHERE queueId IN (SELECT id FROM queue WHERE \(queueFilter)) ORDER BY id"),
                ("inboundMail", "SELECT * FROM inboundMail WHERE memberId = :id ORDER BY id"),
            ]
            var tables: [String: [[String: MemberExport.Value]]] = [:]
            for (table, sql) in queries {
                tables[table] = try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.exportRow)
            }
            return MemberExport(email: stored, tables: tables)
        }
    }

    static func exportRow(_ row: Row) -> [String: MemberExport.Value] {
        var result: [String: MemberExport.Value] = [:]
        for (column, value) in row {
            switch value.storage {
            case .null: result[column] = .null
            case .int64(let number): result[column] = .integer(number)
            case .double(let number): result[column] = .real(number)
            case .string(let text): result[column] = .text(text)
            case .blob(let data):
                result[column] = .blob(String(data: data, encoding: .utf8) ?? "(\(data.count) bytes)")
            }
        }
        return result
    }

    /// Erases the member with address `email` (GDPR art. 17) in one transaction: her unsent
    /// messages are cancelled; her member row, memberships, history and RSVPs are deleted; the
    /// queue rows, attempts and bounce records that stay (the delivery ledger) lose every trace
    /// of her address and name; `addressHash` (a keyed hash, see ``suppressionSalt()``) enters
    /// the suppression list. Returns the number of queue rows cancelled; throws `.notFound`.
    public func forgetMember(email: String, addressHash: String, now: Date = Date()) throws(StoreError) -> Int {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, email, name FROM member WHERE email = ?", arguments: [email]) else {
                throw StoreError(.notFound, "no member with address \(email)")
            }
            let id: Int64 = row["id"]
            let stored: String = row["email"]
            let queueIds = try Int64.fetchAll(
                db, sql: "SELECT id FROM queue WHERE memberId = ? OR recipient = ? COLLATE NOCASE", arguments: [id, stored])
            try db.execute(
                sql: """
                    UPDATE queue SET state = 'cancelled', reason = 'not sent: the member asked to be forgotten', updatedAt = ?
                    WHERE (memberId = ? OR recipient = ? COLLATE NOCASE) AND state IN ('scheduled', 'queued', 'deferred', 'held', 'unknown')
                    """,
                arguments: [now, id, stored])
            let cancelled = db.changesCount
            for queueId in queueIds {
                try db.execute(
                    sql: """
                        UPDATE queue SET memberId = NULL, recipient = 'forgotten', recipientName = '', body = NULL, payload = NULL,
                            lastReplyText = NULL, reason = replace(reason, ?, 'forgotten'), idempotencyKey = 'forgotten:' || id,
                            updatedAt = ?
                        WHERE id = ?
                        """,
                    arguments: [stored, now, queueId])
                try db.execute(sql: "UPDATE attempt SET replyText = NULL WHERE queueId = ?", arguments: [queueId])
            }
            try db.execute(sql: "UPDATE inboundMail SET memberId = NULL, detail = NULL WHERE memberId = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM member WHERE id = ?", arguments: [id])
            try db.execute(
                sql: "INSERT OR IGNORE INTO suppression (addressHash, reason, createdAt) VALUES (?, 'forgotten', ?)",
                arguments: [addressHash, now])
            return cancelled
        }
    }

    /// The per-database salt of the suppression hashes (32 random bytes, made on first use).
    public func suppressionSalt() throws(StoreError) -> [UInt8] {
        try write { db in
            if let data = try Data.fetchOne(db, sql: "SELECT value FROM storeSecret WHERE name = 'suppression-salt'") {
                return Array(data)
            }
            var salt = [UInt8](repeating: 0, count: 32)
            var generator = SystemRandomNumberGenerator()
            for index in salt.indices { salt[index] = UInt8.random(in: 0...255, using: &generator) }
            try db.execute(sql: "INSERT INTO storeSecret (name, value) VALUES ('suppression-salt', ?)", arguments: [Data(salt)])
            return salt
        }
    }

    /// Of `addressHashes`, those suppressed, each with when it was forgotten; 500 per query.
    public func suppressions(addressHashes: [String]) throws(StoreError) -> [String: Date] {
        guard !addressHashes.isEmpty else { return [:] }
        return try read { db in
            var found: [String: Date] = [:]
            for start in stride(from: 0, to: addressHashes.count, by: 500) {
                let chunk = Array(addressHashes[start..<min(start + 500, addressHashes.count)])
                for row in try Row.fetchAll(db, SQLRequest(literal: "SELECT addressHash, createdAt FROM suppression WHERE addressHash IN \(chunk)")) {
                    found[row["addressHash"]] = row["createdAt"]
                }
            }
            return found
        }
    }

    /// When the address with `addressHash` was forgotten; nil when it is not suppressed.
    public func suppressedSince(addressHash: String) throws(StoreError) -> Date? {
        try read { db in
            try Date.fetchOne(db, sql: "SELECT createdAt FROM suppression WHERE addressHash = ?", arguments: [addressHash])
        }
    }
}

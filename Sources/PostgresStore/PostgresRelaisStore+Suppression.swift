import Foundation
import Logging
import PostgresNIO
import StoreModel

/// Forgetting a member (GDPR art. 17) and the suppression list (``SuppressionStore``), as SQLite
/// does it: the same salt for every caller, the same hashes, the same erasure.
extension PostgresRelaisStore {
    /// The database's salt of the suppression hashes (32 random bytes, made on first use). Two
    /// relaisctl making it at once agree: the second insert is ignored and both read the first.
    public func suppressionSalt() throws(StoreError) -> [UInt8] {
        try transaction("read the suppression salt") { connection, logger in
            var generator = SystemRandomNumberGenerator()
            let fresh = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
            try await connection.query(
                """
                INSERT INTO "storeSecret" ("name", "value") VALUES ('suppression-salt', \(fresh)) ON CONFLICT ("name") DO NOTHING
                """, logger: logger)
            let salt = try await Self.column(
                Data.self, of: connection.query(#"SELECT "value" FROM "storeSecret" WHERE "name" = 'suppression-salt'"#, logger: logger)
            ).first
            guard let salt else { throw StoreError(.database, "PostgreSQL: the suppression salt is missing") }
            return Array(salt)
        }
    }

    /// When the address with `addressHash` was forgotten; nil when it is not suppressed.
    public func suppressedSince(addressHash: String) throws(StoreError) -> Date? {
        try transaction("read the suppression list") { connection, logger in
            try await Self.column(
                Date.self,
                of: connection.query(#"SELECT "createdAt" FROM "suppression" WHERE "addressHash" = \#(addressHash)"#, logger: logger)
            ).first
        }
    }

    /// Of `addressHashes`, those suppressed, each with when it was forgotten.
    public func suppressions(addressHashes: [String]) throws(StoreError) -> [String: Date] {
        guard !addressHashes.isEmpty else { return [:] }
        return try transaction("read the suppression list") { connection, logger in
            var found: [String: Date] = [:]
            let rows = try await connection.query(
                #"SELECT "addressHash", "createdAt" FROM "suppression" WHERE "addressHash" = ANY(\#(addressHashes))"#, logger: logger)
            for try await (hash, since) in rows.decode((String, Date).self) { found[hash] = since }
            return found
        }
    }

    /// Erases the member with address `email` in one transaction, as SQLite does: her unsent
    /// messages are cancelled; her member row, memberships, history and RSVPs are deleted; the
    /// queue rows, attempts and bounce records that stay lose every trace of her address and
    /// name; `addressHash` enters the suppression list. Returns the number of rows cancelled.
    public func forgetMember(email: String, addressHash: String, now: Date) throws(StoreError) -> Int {
        try transaction("forget member \(email)") { connection, logger in
            guard let member = try await Self.memberForUpdate(email: email, connection, logger: logger) else {
                throw StoreError(.notFound, "no member with address \(email)")
            }
            let stored = member.email
            let queueIds = try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    SELECT "id" FROM "queue" WHERE "memberId" = \(member.id) OR lower("recipient") = lower(\(stored)) FOR UPDATE
                    """, logger: logger))
            let cancelled = try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    UPDATE "queue" SET "state" = 'cancelled', "reason" = 'not sent: the member asked to be forgotten', "updatedAt" = \(now)
                    WHERE "id" = ANY(\(queueIds)) AND "state" IN ('scheduled', 'queued', 'deferred', 'held', 'unknown')
                    RETURNING "id"
                    """, logger: logger)
            ).count
            if !queueIds.isEmpty {
                try await connection.query(
                    """
                    UPDATE "queue" SET "memberId" = NULL, "recipient" = 'forgotten', "recipientName" = '', "body" = NULL, "payload" = NULL,
                      "lastReplyText" = NULL, "reason" = replace("reason", \(stored), 'forgotten'), "idempotencyKey" = 'forgotten:' || "id",
                      "updatedAt" = \(now)
                    WHERE "id" = ANY(\(queueIds))
                    """, logger: logger)
                try await connection.query(#"UPDATE "attempt" SET "replyText" = NULL WHERE "queueId" = ANY(\#(queueIds))"#, logger: logger)
            }
            try await connection.query(
                #"UPDATE "inboundMail" SET "memberId" = NULL, "detail" = NULL WHERE "memberId" = \#(member.id)"#, logger: logger)
            try await connection.query(#"DELETE FROM "member" WHERE "id" = \#(member.id)"#, logger: logger)
            try await connection.query(
                """
                INSERT INTO "suppression" ("addressHash", "reason", "createdAt") VALUES (\(addressHash), 'forgotten', \(now))
                ON CONFLICT ("addressHash") DO NOTHING
                """, logger: logger)
            return cancelled
        }
    }
}

import Foundation
import Logging
import PostgresNIO
import StoreModel

extension PostgresRelaisStore {
    /// Records attempts and new states in one transaction, as SQLite does: every result gets its
    /// attempt; the row changes only while `owner` still leases it (`sending` under `owner`); a
    /// row sent after an operator took it back is marked `sent` all the same, with the reason;
    /// `bounceMember` marks the member bounced; a sent row drops its body. Wakes the daemons when
    /// a row goes back to waiting (`queued`, `deferred`), since its retry time may be the next due time.
    public func record(_ results: [DeliveryResult], owner: String) throws(StoreError) {
        guard !results.isEmpty else { return }
        let bouncing = results.filter(\.bounceMember).map(\.queueId)
        try transaction("record delivery results") { connection, logger in
            if !bouncing.isEmpty {
                // The members a result bounces are locked before any queue row: the order every
                // change of a member takes (leaving, a bounce by mail, unsubscribe, remove,
                // forget: her member row, then her rows), so the two never deadlock.
                try await connection.query(
                    """
                    SELECT 1 FROM "member" WHERE "id" IN (SELECT "memberId" FROM "queue" WHERE "id" = ANY(\(bouncing)))
                    ORDER BY "id" FOR UPDATE
                    """, logger: logger)
            }
            var wakeUp = false
            for result in results {
                if try await Self.record(result, owner: owner, connection, logger: logger) {
                    wakeUp = wakeUp || result.state == .queued || result.state == .deferred
                }
            }
            if wakeUp { try await self.notifyQueue(connection, logger: logger) }
        }
    }

    /// Records one result; true when the row was still `owner`'s and took the new state.
    static func record(_ result: DeliveryResult, owner: String, _ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await connection.query(
            """
            INSERT INTO "attempt" ("queueId", "startedAt", "finishedAt", "outcome", "countsAsAttempt", "replyCode",
              "replyEnhanced", "replyText")
            VALUES (\(result.queueId), \(result.startedAt), \(result.finishedAt), \(result.outcome), \(result.countsAsAttempt),
              \(result.replyCode), \(result.replyEnhanced), \(result.replyText))
            """, logger: logger)
        let sent = result.state == .sent
        let updated = try await column(
            Int64.self,
            of: connection.query(
                """
                UPDATE "queue" SET "state" = \(result.state.rawValue), "attempts" = "attempts" + \(result.countsAsAttempt ? 1 : 0),
                  "nextAttemptAt" = COALESCE(\(result.nextAttemptAt), "nextAttemptAt"), "leaseOwner" = NULL, "leaseExpiresAt" = NULL,
                  "lastReplyCode" = \(result.replyCode), "lastReplyEnhanced" = \(result.replyEnhanced),
                  "lastReplyText" = \(result.replyText), "reason" = \(result.reason),
                  "sentAt" = CASE WHEN \(sent) THEN \(result.finishedAt) ELSE "sentAt" END, "updatedAt" = \(result.finishedAt),
                  "body" = CASE WHEN \(sent) THEN NULL ELSE COALESCE("body", \(result.body)) END
                WHERE "id" = \(result.queueId) AND "state" = 'sending' AND "leaseOwner" = \(owner)
                RETURNING "id"
                """, logger: logger))
        if updated.isEmpty && sent {
            // An operator took the row (hold, cancel, and perhaps a release already) while it was
            // being sent, and it went out: the queue says so, whatever the operator made it since,
            // so that a release or the next claim does not send it twice.
            try await connection.query(
                """
                UPDATE "queue" SET "state" = 'sent', "sentAt" = \(result.finishedAt), "updatedAt" = \(result.finishedAt), "body" = NULL,
                  "lastReplyCode" = \(result.replyCode), "lastReplyEnhanced" = \(result.replyEnhanced),
                  "lastReplyText" = \(result.replyText), "attempts" = "attempts" + 1,
                  "reason" = 'sent: it had already started when an operator made it ' || "state"
                WHERE "id" = \(result.queueId) AND "state" NOT IN ('sent', 'sending') AND "leaseOwner" IS NULL
                """, logger: logger)
        }
        if result.bounceMember {
            try await connection.query(
                """
                UPDATE "member" SET "status" = 'bounced', "bounceReply" = \(result.replyLine ?? ""), "updatedAt" = \(result.finishedAt)
                WHERE "id" = (SELECT "memberId" FROM "queue" WHERE "id" = \(result.queueId))
                """, logger: logger)
        }
        return !updated.isEmpty
    }

    /// Of the rows `owner` claimed (`ids`), those no longer its own to send: an operator held or
    /// cancelled them, or another daemon took them over after the lease ran out.
    public func revokedClaims(ids: [Int64], owner: String) throws(StoreError) -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return try transaction("read the claims of \(owner)") { connection, logger in
            Set(try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    SELECT "id" FROM "queue" WHERE "id" = ANY(\(ids)) AND ("state" != 'sending' OR "leaseOwner" IS DISTINCT FROM \(owner))
                    """, logger: logger)))
        }
    }

    /// Gives back rows `owner` claimed and never tried, due again at `date` (`reason`, when
    /// given, says why); wakes the daemons.
    public func requeue(ids: [Int64], owner: String, at date: Date, reason: String?) throws(StoreError) {
        guard !ids.isEmpty else { return }
        try transaction("requeue messages") { connection, logger in
            let requeued = try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    UPDATE "queue" SET "state" = 'queued', "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "nextAttemptAt" = \(date),
                      "reason" = CASE WHEN \(reason != nil) THEN \(reason) ELSE "reason" END
                    WHERE "id" = ANY(\(ids)) AND "leaseOwner" = \(owner) AND "state" = 'sending'
                    RETURNING "id"
                    """, logger: logger))
            if !requeued.isEmpty { try await self.notifyQueue(connection, logger: logger) }
        }
    }

    /// Gives back the rows `owner` still leases (at its shutdown): due again at once. Only that
    /// owner's: other daemons keep theirs, and a dead daemon's leases end when they run out.
    /// Wakes the daemons; returns how many.
    public func releaseLeases(owner: String, now: Date) throws(StoreError) -> Int {
        try transaction("release the leases of \(owner)") { connection, logger in
            let released = try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    UPDATE "queue" SET "state" = 'queued', "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = \(now)
                    WHERE "state" = 'sending' AND "leaseOwner" = \(owner)
                    RETURNING "id"
                    """, logger: logger))
            if !released.isEmpty { try await self.notifyQueue(connection, logger: logger) }
            return released.count
        }
    }
}

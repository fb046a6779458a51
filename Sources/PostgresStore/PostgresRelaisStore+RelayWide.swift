import Foundation
import PostgresNIO
import StoreModel

/// Repairs after a relay-wide refusal, and what a shared store does not do.
extension PostgresRelaisStore {
    /// Puts back rows that a relay-wide refusal failed, with SQLite's rules: of `ids`, only rows
    /// in state `failed` change; they are queued again at `date` with `reason`, their attempt no
    /// longer counts (`attempts - 1`, not below 0), and a member the refusal marked bounced (her
    /// `bounceReply` is the row's last reply) is active again. Returns how many rows changed, and
    /// wakes the daemons when some did.
    public func reopen(ids: [Int64], at date: Date, reason: String, now: Date) throws(StoreError) -> Int {
        guard !ids.isEmpty else { return 0 }
        return try transaction("reopen failed messages") { connection, logger in
            let rows = try await connection.query(
                """
                UPDATE "queue" SET "state" = 'queued', "attempts" = GREATEST("attempts" - 1, 0), "nextAttemptAt" = \(date),
                  "reason" = \(reason), "updatedAt" = \(now)
                WHERE "state" = 'failed' AND "id" = ANY(\(ids))
                RETURNING "id", "memberId", "lastReplyCode", "lastReplyEnhanced", "lastReplyText"
                """, logger: logger)
            var reopened = 0
            var bounced: [(memberId: Int64, line: String)] = []
            for try await (_, memberId, code, enhanced, text) in rows.decode((Int64, Int64?, Int?, String?, String?).self) {
                reopened += 1
                if let memberId, let line = ReplyLine.join(code: code, enhanced: enhanced, text: text) {
                    bounced.append((memberId, line))
                }
            }
            if !bounced.isEmpty {
                try await connection.query(
                    """
                    UPDATE "member" SET "status" = 'active', "bounceReply" = NULL, "updatedAt" = \(now)
                    FROM unnest(\(bounced.map(\.memberId))::bigint[], \(bounced.map(\.line))::text[]) AS "refused"("memberId", "line")
                    WHERE "member"."id" = "refused"."memberId" AND "member"."status" = 'bounced'
                      AND "member"."bounceReply" = "refused"."line"
                    """, logger: logger)
            }
            if reopened > 0 { try await self.notifyQueue(connection, logger: logger) }
            return reopened
        }
    }

    /// Refused: on a shared store, "every lease" includes those of daemons still running, which
    /// would then send their rows while another daemon claims them again. A dead daemon's leases
    /// are taken over by the next claim once they run out, and each daemon gives back its own at
    /// shutdown (``releaseLeases(owner:now:)``). The daemon calls this only when ``isShared`` is
    /// false; it throws rather than return 0 so that a caller that forgets the check finds out,
    /// instead of believing the leases were given back.
    public func releaseAllLeases(now: Date) throws(StoreError) -> Int {
        throw StoreError(
            .conflict,
            "PostgreSQL: cannot give back every lease: the store is shared by several daemons (a dead daemon's leases run out instead)")
    }
}

/// Several daemons share a PostgreSQL store: each gives back only its own leases.
extension PostgresRelaisStore: DaemonStore {
    /// True: several relaisd may share the database (there is no file lock, and no "release all").
    public var isShared: Bool { true }
}

import Foundation
import Logging
import PostgresNIO
import StoreModel

extension PostgresRelaisStore {
    /// Claims up to `limit` due rows for `owner` under a lease of `lease` seconds, in one transaction.
    ///
    /// Due means `scheduled`, `queued` or `deferred` with `nextAttemptAt <= now`, or `sending`
    /// under a lease that ran out (its daemon died). The rows are taken with `FOR UPDATE SKIP
    /// LOCKED`: rows another daemon's claim holds are passed over, so two claims at once never
    /// share a row. As in SQLite, rows past their `notAfter` become `skipped`, rows of a member
    /// no longer active `cancelled` and reminders of an occurrence she declined `skipped`, each
    /// with its reason; the rest are leased and returned in due order.
    public func claim(owner: String, limit: Int, now: Date, lease: TimeInterval) throws(StoreError) -> [Stored<QueueMessage>] {
        guard limit > 0 else { return [] }
        return try transaction("claim queued messages") { connection, logger in
            try await Self.skipLate(connection, now: now, logger: logger)
            var ids = try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    SELECT "id" FROM "queue" WHERE "state" IN ('scheduled', 'queued', 'deferred') AND "nextAttemptAt" <= \(now)
                    ORDER BY "nextAttemptAt", "id" LIMIT \(limit) FOR UPDATE SKIP LOCKED
                    """, logger: logger))
            if ids.count < limit {
                ids += try await Self.column(
                    Int64.self,
                    of: connection.query(
                        """
                        SELECT "id" FROM "queue" WHERE "state" = 'sending' AND "leaseExpiresAt" < \(now)
                        ORDER BY "leaseExpiresAt", "id" LIMIT \(limit - ids.count) FOR UPDATE SKIP LOCKED
                        """, logger: logger))
            }
            guard !ids.isEmpty else { return [] }
            let cancelled = try await Self.cancelInactive(connection, ids: ids, now: now, logger: logger)
            ids.removeAll { cancelled.contains($0) }
            guard !ids.isEmpty else { return [] }
            let declined = try await Self.skipDeclined(connection, ids: ids, now: now, logger: logger)
            ids.removeAll { declined.contains($0) }
            guard !ids.isEmpty else { return [] }
            let expiry = now.addingTimeInterval(lease)
            let rows = try await Self.queueMessages(
                connection.query(
                    """
                    UPDATE "queue" SET "state" = 'sending', "leaseOwner" = \(owner), "leaseExpiresAt" = \(expiry), "updatedAt" = \(now)
                    WHERE "id" = ANY(\(ids)) RETURNING \(unescaped: Self.queueColumns)
                    """, logger: logger))
            let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            return rows.sorted { order[$0.id, default: 0] < order[$1.id, default: 0] }
        }
    }

    /// Marks `skipped` the unsent rows whose `notAfter` has passed (a `sending` one only once its
    /// lease ran out), with SQLite's reason; rows another claim holds are left to it.
    static func skipLate(_ connection: PostgresConnection, now: Date, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE "queue" SET "state" = 'skipped', "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = \(now),
              "reason" = 'not sent: the occurrence started at '
                || to_char("notAfter" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' before it could go out'
            WHERE "id" IN (
              SELECT "id" FROM "queue"
              WHERE "notAfter" IS NOT NULL AND "state" IN ('scheduled', 'queued', 'deferred', 'sending')
                AND "notAfter" <= \(now) AND ("state" != 'sending' OR "leaseExpiresAt" < \(now))
              FOR UPDATE SKIP LOCKED)
            """, logger: logger)
    }

    /// Cancels the rows among `ids` whose member is no longer active (`not sent: the member is
    /// unsubscribed`); returns their ids.
    static func cancelInactive(_ connection: PostgresConnection, ids: [Int64], now: Date, logger: Logger) async throws -> Set<Int64> {
        Set(try await column(
            Int64.self,
            of: connection.query(
                """
                UPDATE "queue" SET "state" = 'cancelled', "reason" = 'not sent: the member is ' || "member"."status", "updatedAt" = \(now)
                FROM "member" WHERE "member"."id" = "queue"."memberId" AND "queue"."id" = ANY(\(ids)) AND "member"."status" != 'active'
                RETURNING "queue"."id"
                """, logger: logger)))
    }

    /// Skips the reminders among `ids` whose member answered no for their occurrence (an answer
    /// may come between queueing and sending); returns their ids. The occurrence is read from the
    /// row's `source` as SQLite does (``RSVPAnswer/occurrence(ofReminderSource:)``).
    static func skipDeclined(_ connection: PostgresConnection, ids: [Int64], now: Date, logger: Logger) async throws -> Set<Int64> {
        var reminders: [(id: Int64, memberId: Int64, eventId: Int64, occurrence: String)] = []
        let rows = try await connection.query(
            """
            SELECT "id", "memberId", "source" FROM "queue"
            WHERE "id" = ANY(\(ids)) AND "kind" = 'reminder' AND "memberId" IS NOT NULL
              AND EXISTS (SELECT 1 FROM "rsvp" WHERE "rsvp"."memberId" = "queue"."memberId" AND "answer" = 'no')
            """, logger: logger)
        for try await (id, memberId, source) in rows.decode((Int64, Int64, String).self) {
            guard let (eventId, occurrence) = RSVPAnswer.occurrence(ofReminderSource: source) else { continue }
            reminders.append((id, memberId, eventId, occurrence))
        }
        guard !reminders.isEmpty else { return [] }
        var declined: Set<Int64> = []
        for reminder in reminders {
            let answers = try await column(
                String.self,
                of: connection.query(
                    """
                    SELECT "answer" FROM "rsvp"
                    WHERE "eventId" = \(reminder.eventId) AND "occurrence" = \(reminder.occurrence) AND "memberId" = \(reminder.memberId)
                    """, logger: logger))
            if answers.first == RSVPAnswer.Answer.no.rawValue { declined.insert(reminder.id) }
        }
        guard !declined.isEmpty else { return [] }
        try await connection.query(
            """
            UPDATE "queue" SET "state" = 'skipped', "reason" = \(RSVPAnswer.declinedReminderReason), "updatedAt" = \(now)
            WHERE "id" = ANY(\(Array(declined)))
            """, logger: logger)
        return declined
    }
}

import Foundation
import Logging
import PostgresNIO
import StoreModel

/// An operator's actions on the queue (``QueueAdminStore``), as SQLite has them. The rows are
/// locked while they change (`FOR UPDATE`): a claim running meanwhile passes over them (it skips
/// locked rows), and sees their new state once this transaction commits.
extension PostgresRelaisStore {
    /// One row with its body, and every attempt at it, oldest first.
    public func queueEntry(id: Int64) throws(StoreError) -> (row: Stored<QueueMessage>, attempts: [Attempt])? {
        let found = try transaction("read queued message \(id)") { connection, logger -> QueueEntry? in
            let rows = try await Self.queueMessages(connection.query(
                #"SELECT \#(unescaped: Self.queueColumns) FROM "queue" WHERE "id" = \#(id)"#, logger: logger))
            guard let row = rows.first else { return nil }
            let attemptRows = try await connection.query(
                """
                SELECT "queueId", "startedAt", "finishedAt", "outcome", "countsAsAttempt", "replyCode", "replyEnhanced", "replyText"
                FROM "attempt" WHERE "queueId" = \(id) ORDER BY "id"
                """, logger: logger)
            var attempts: [Attempt] = []
            for try await (queueId, started, finished, outcome, counts, code, enhanced, text)
                in attemptRows.decode((Int64, Date, Date, String, Bool, Int?, String?, String?).self) {
                attempts.append(Attempt(
                    queueId: queueId, startedAt: started, finishedAt: finished, outcome: outcome, countsAsAttempt: counts,
                    replyCode: code, replyEnhanced: enhanced, replyText: text))
            }
            return QueueEntry(row: row, attempts: attempts)
        }
        return found.map { ($0.row, $0.attempts) }
    }

    /// A row and its attempts, as one `Sendable` value out of the transaction.
    struct QueueEntry: Sendable {
        let row: Stored<QueueMessage>
        let attempts: [Attempt]
    }

    /// Applies an operator action to the rows `ids`, or with `ids` nil to every row (in `state`,
    /// and last changed at or after `since`, when given), in one transaction; refuses, one line
    /// each, the ids that do not exist or whose state the action does not apply to. Wakes the
    /// daemons when rows became due (release, retry).
    public func apply(
        _ action: QueueAction, ids: [Int64]?, state: QueueMessage.State?, since: Date?, now: Date
    ) throws(StoreError) -> QueueChange {
        try transaction("\(action.rawValue) queued messages") { connection, logger in
            let rows = try await connection.query(
                """
                SELECT "id", "state" FROM "queue"
                WHERE (\(ids == nil) OR "id" = ANY(\(ids ?? []))) AND (\(state == nil) OR "state" = \(state?.rawValue))
                  AND (\(since == nil) OR "updatedAt" >= \(since))
                ORDER BY "id" FOR UPDATE
                """, logger: logger)
            var found: [(id: Int64, state: QueueMessage.State)] = []
            for try await (id, name) in rows.decode((Int64, String).self) { found.append((id, QueueMessage.State(rawValue: name) ?? .failed)) }
            var change = QueueChange()
            if let ids {
                let present = Set(found.map(\.id))
                for id in ids where !present.contains(id) { change.refused.append("\(id): no such message") }
            }
            for row in found {
                guard action.fromStates.contains(row.state) else {
                    if ids != nil { change.refused.append("\(row.id): \(row.state.rawValue), cannot \(action.rawValue)") }
                    continue
                }
                change.changed.append(row.id)
            }
            guard !change.changed.isEmpty else { return change }
            let changed = change.changed
            switch action {
            case .hold:
                try await connection.query(
                    """
                    UPDATE "queue" SET "state" = 'held', "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = \(now)
                    WHERE "id" = ANY(\(changed))
                    """, logger: logger)
            case .release:
                try await connection.query(
                    """
                    UPDATE "queue" SET "state" = CASE WHEN "dueAt" > \(now) THEN 'scheduled' ELSE 'queued' END, "updatedAt" = \(now)
                    WHERE "id" = ANY(\(changed))
                    """, logger: logger)
            case .retry:
                try await connection.query(
                    """
                    UPDATE "queue" SET "state" = 'queued', "nextAttemptAt" = \(now), "reason" = NULL, "updatedAt" = \(now)
                    WHERE "id" = ANY(\(changed))
                    """, logger: logger)
            case .cancel:
                try await connection.query(
                    """
                    UPDATE "queue" SET "state" = 'cancelled', "reason" = 'cancelled by an operator', "leaseOwner" = NULL,
                      "leaseExpiresAt" = NULL, "updatedAt" = \(now)
                    WHERE "id" = ANY(\(changed))
                    """, logger: logger)
            }
            if action == .release || action == .retry { try await self.notifyQueue(connection, logger: logger) }
            return change
        }
    }

    /// Makes every row waiting for a retry due now (`postqueue -f`): deferred rows, and queued
    /// rows put back for later (a relay pause, a sending limit). Returns how many; wakes the daemons.
    public func flushDeferred(now: Date) throws(StoreError) -> Int {
        try transaction("flush deferred messages") { connection, logger in
            let count = try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    UPDATE "queue" SET "state" = 'queued', "nextAttemptAt" = \(now), "updatedAt" = \(now)
                    WHERE "state" = 'deferred' OR ("state" = 'queued' AND "nextAttemptAt" > \(now))
                    RETURNING "id"
                    """, logger: logger)
            ).count
            if count > 0 { try await self.notifyQueue(connection, logger: logger) }
            return count
        }
    }
}

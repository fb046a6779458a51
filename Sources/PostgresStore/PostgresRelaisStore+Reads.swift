import Foundation
import PostgresNIO
import StoreModel

extension PostgresRelaisStore {
    /// The earliest time a row becomes due or a lease runs out, if any.
    public func nextDueTime() throws(StoreError) -> Date? {
        try transaction("read the next due time") { connection, logger in
            try await Self.column(
                Date?.self,
                of: connection.query(
                    """
                    SELECT LEAST(
                      (SELECT MIN("nextAttemptAt") FROM "queue" WHERE "state" IN ('scheduled', 'queued', 'deferred')),
                      (SELECT MIN("leaseExpiresAt") FROM "queue" WHERE "state" = 'sending'))
                    """, logger: logger)
            ).first ?? nil
        }
    }

    /// When each message accepted since `date` was accepted, from the attempts ledger, oldest
    /// first (for per-hour and per-day caps; every daemon's sends count).
    public func sentTimes(since date: Date) throws(StoreError) -> [Date] {
        try transaction("read the send times") { connection, logger in
            try await Self.column(
                Date.self,
                of: connection.query(
                    """
                    SELECT "finishedAt" FROM "attempt" WHERE "outcome" = 'sent' AND "finishedAt" >= \(date) ORDER BY "finishedAt"
                    """, logger: logger))
        }
    }

    /// Deferred rows due more than `maxAge` before `now` become `failed`, with SQLite's reason
    /// (`gave up: still deferred 5d after it was due`); returns how many.
    public func expireDeferred(olderThan maxAge: TimeInterval, now: Date) throws(StoreError) -> Int {
        try transaction("expire deferred messages") { connection, logger in
            try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    UPDATE "queue" SET "state" = 'failed', "updatedAt" = \(now),
                      "reason" = 'gave up: still deferred ' || \(ConfigAge.describe(maxAge)) || ' after it was due'
                    WHERE "state" = 'deferred' AND "dueAt" <= \(now.addingTimeInterval(-maxAge))
                    RETURNING "id"
                    """, logger: logger)
            ).count
        }
    }

    /// Rows without their bodies, by due time then id; optionally in one state, at most `limit`.
    public func queueRows(state: QueueMessage.State?, limit: Int?) throws(StoreError) -> [Stored<QueueMessage>] {
        try transaction("list the queue") { connection, logger in
            try await Self.queueMessages(
                connection.query(
                    """
                    SELECT \(unescaped: Self.queueColumnsWithoutBody) FROM "queue"
                    WHERE \(state == nil) OR "state" = \(state?.rawValue)
                    ORDER BY "nextAttemptAt", "id" LIMIT \(limit)
                    """, logger: logger))
        }
    }

    /// How many rows are in each state (states with none are absent).
    public func queueCounts() throws(StoreError) -> [QueueMessage.State: Int] {
        try transaction("count the queue") { connection, logger in
            var counts: [QueueMessage.State: Int] = [:]
            let rows = try await connection.query(#"SELECT "state", COUNT(*) FROM "queue" GROUP BY "state""#, logger: logger)
            for try await (name, count) in rows.decode((String, Int).self) {
                if let state = QueueMessage.State(rawValue: name) { counts[state] = count }
            }
            return counts
        }
    }
}

import Foundation
import Logging
import PostgresNIO
import StoreModel
import Synchronization

/// The sending limits of one relay, kept in PostgreSQL for every daemon that sends through it:
/// two daemons with `rate: 5` send five messages a second together, not ten.
///
/// Each ``take()`` is one transaction that locks the relay's `sendLimit` row, so concurrent
/// takers queue on it: a token bucket for `rate` (refilled by the elapsed time), and for
/// `per_hour` / `per_day` the grants of the last day in `sendGrant` (a window is full when it
/// holds `limit` grants). Times are the server's clock, so daemons on hosts whose clocks differ
/// still agree. Grants older than a day are deleted as new ones come.
///
/// When the database cannot be reached, nothing is granted (the limits are never exceeded
/// because the store is down): the taker waits a second and asks again, and the failure is
/// logged once until a take succeeds.
public final class PostgresSendAllowance: SendAllowance {
    let store: PostgresRelaisStore
    /// The limits shared.
    public let limits: SendLimits
    private let failing = Atomic<Bool>(false)

    init(store: PostgresRelaisStore, limits: SendLimits) {
        self.store = store
        self.limits = limits
    }

    public func take() -> TimeInterval? {
        let limits = self.limits
        do {
            let wait = try store.transaction("take a share of the sending limits") { connection, logger in
                try await Self.take(limits, connection: connection, logger: logger)
            }
            if failing.exchange(false, ordering: .relaxed) {
                store.logger.notice("the shared sending limits can be read again")
            }
            return wait
        } catch {
            if !failing.exchange(true, ordering: .relaxed) {
                store.logger.error("cannot take a share of the shared sending limits: \(error); sending waits")
            }
            return 1
        }
    }

    /// One take, in the caller's transaction: nil when granted, else the seconds to wait.
    static func take(_ limits: SendLimits, connection: PostgresConnection, logger: Logger) async throws -> TimeInterval? {
        let relay = limits.relay
        let burst = Double(limits.burst)
        try await connection.query(
            """
            INSERT INTO "sendLimit" ("relay", "tokens", "refilledAt") VALUES (\(relay), \(burst), clock_timestamp())
            ON CONFLICT ("relay") DO NOTHING
            """, logger: logger)
        var bucket: (tokens: Double, refilledAt: Date, now: Date)?
        for try await row in try await connection.query(
            """
            SELECT "tokens", "refilledAt", clock_timestamp() FROM "sendLimit" WHERE "relay" = \(relay) FOR UPDATE
            """, logger: logger
        ).decode((Double, Date, Date).self) {
            bucket = (row.0, row.1, row.2)
        }
        guard let bucket else { return 1 }
        let now = bucket.now
        var available = bucket.tokens
        if limits.perSecond > 0 {
            available = min(burst, bucket.tokens + max(0, now.timeIntervalSince(bucket.refilledAt)) * limits.perSecond)
            if available < 1 { return (1 - available) / limits.perSecond }
        }
        for (limit, window) in [(limits.perHour, 3600.0), (limits.perDay, 86_400.0)] {
            guard let limit else { continue }
            // The limit-th latest grant within the window: while there is one, the window is full
            // until it leaves.
            for try await oldest in try await connection.query(
                """
                SELECT "at" FROM "sendGrant" WHERE "relay" = \(relay) AND "at" > \(now.addingTimeInterval(-window))
                ORDER BY "at" DESC OFFSET \(limit - 1) LIMIT 1
                """, logger: logger
            ).decode(Date.self) {
                return max(0.001, oldest.addingTimeInterval(window).timeIntervalSince(now))
            }
        }
        if limits.perSecond > 0 {
            try await connection.query(
                """
                UPDATE "sendLimit" SET "tokens" = \(available - 1), "refilledAt" = \(now) WHERE "relay" = \(relay)
                """, logger: logger)
        }
        if limits.perHour != nil || limits.perDay != nil {
            try await connection.query(
                """
                INSERT INTO "sendGrant" ("relay", "at") VALUES (\(relay), \(now))
                """, logger: logger)
            try await connection.query(
                """
                DELETE FROM "sendGrant" WHERE "relay" = \(relay) AND "at" <= \(now.addingTimeInterval(-86_400))
                """, logger: logger)
        }
        return nil
    }
}

extension PostgresRelaisStore {
    /// The share of `limits` this daemon takes, kept with every other daemon on this database.
    public func sendAllowance(_ limits: SendLimits) -> (any SendAllowance)? {
        PostgresSendAllowance(store: self, limits: limits)
    }
}

import Foundation
import PostgresNIO
import StoreModel

/// The figures `/metrics` exposes (``WebAnswerStore``), read in one transaction as SQLite reads them.
extension PostgresRelaisStore {
    /// The queue and delivery figures as of `now`: the queue and the attempts are every daemon's;
    /// the transport's pause is that of daemon instance `instanceId` (with none, of the daemon
    /// that beat last), since each daemon pauses its own transport.
    public func deliveryFigures(now: Date, instanceId: String?) throws(StoreError) -> DeliveryFigures {
        try transaction("read the delivery figures") { connection, logger in
            var states: [QueueMessage.State: Int] = [:]
            let stateRows = try await connection.query(#"SELECT "state", COUNT(*) FROM "queue" GROUP BY "state""#, logger: logger)
            for try await (name, count) in stateRows.decode((String, Int).self) {
                if let state = QueueMessage.State(rawValue: name) { states[state] = count }
            }
            let depth = (states[.scheduled] ?? 0) + (states[.queued] ?? 0) + (states[.deferred] ?? 0)
            let oldest = try await Self.column(
                Date?.self,
                of: connection.query(
                    """
                    SELECT MIN("dueAt") FROM "queue"
                    WHERE "state" IN ('queued', 'deferred') OR ("state" = 'scheduled' AND "dueAt" <= \(now))
                    """, logger: logger)
            ).first ?? nil
            let throttledUntil = try await Self.column(
                Date?.self,
                of: connection.query(
                    """
                    SELECT "throttledUntil" FROM "heartbeat" WHERE \(instanceId == nil) OR "instanceId" = \(instanceId)
                    ORDER BY "beatAt" DESC LIMIT 1
                    """, logger: logger)
            ).first ?? nil
            var outcomes: [String: Int] = [:]
            let outcomeRows = try await connection.query(#"SELECT "outcome", COUNT(*) FROM "attempt" GROUP BY "outcome""#, logger: logger)
            for try await (outcome, count) in outcomeRows.decode((String, Int).self) { outcomes[outcome] = count }
            var classes: [String: Int] = [:]
            let classRows = try await connection.query(
                """
                SELECT "replyCode" / 100, COUNT(*) FROM "attempt" WHERE "replyCode" IS NOT NULL GROUP BY "replyCode" / 100
                """, logger: logger)
            for try await (replyClass, count) in classRows.decode((Int32, Int).self) { classes["\(replyClass)xx"] = count }
            return DeliveryFigures(
                states: states, depth: depth, oldestDueAge: oldest.map { max(0, now.timeIntervalSince($0)) },
                throttledSeconds: throttledUntil.map { max(0, $0.timeIntervalSince(now)) } ?? 0,
                outcomes: outcomes, replyClasses: classes)
        }
    }
}

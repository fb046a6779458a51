import Foundation
import GRDB
import StoreModel

extension RelaisStore {
    /// The figures `/metrics` exposes, as of `now`; the transport's pause is read from the
    /// heartbeat when daemon instance `instanceId` wrote it (or whoever did, without one).
    public func deliveryFigures(now: Date, instanceId: String? = nil) throws(StoreError) -> DeliveryFigures {
        try read { db in
            var states: [QueueMessage.State: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM queue GROUP BY state") {
                if let state = QueueMessage.State(rawValue: row["state"]) { states[state] = row["n"] }
            }
            let depth = (states[.scheduled] ?? 0) + (states[.queued] ?? 0) + (states[.deferred] ?? 0)
            let oldest = try Date.fetchOne(
                db, sql: "SELECT MIN(dueAt) FROM queue WHERE state IN ('queued', 'deferred') OR (state = 'scheduled' AND dueAt <= ?)",
                arguments: [now])
            let throttledUntil = try Date.fetchOne(
                db, sql: "SELECT throttledUntil FROM heartbeat WHERE id = 1 AND (? IS NULL OR instanceId = ?)", arguments: [instanceId, instanceId])
            var outcomes: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT outcome, COUNT(*) AS n FROM attempt GROUP BY outcome") {
                outcomes[row["outcome"]] = row["n"]
            }
            var classes: [String: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT replyCode / 100 AS c, COUNT(*) AS n FROM attempt WHERE replyCode IS NOT NULL GROUP BY replyCode / 100")
            {
                classes["\(row["c"] as Int)xx"] = row["n"]
            }
            return DeliveryFigures(
                states: states, depth: depth, oldestDueAge: oldest.map { max(0, now.timeIntervalSince($0)) },
                throttledSeconds: throttledUntil.map { max(0, $0.timeIntervalSince(now)) } ?? 0,
                outcomes: outcomes, replyClasses: classes)
        }
    }
}

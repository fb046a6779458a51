import Foundation
import GRDB
import StoreModel

extension RelaisStore {
    /// Applies an operator action to the given rows, or with `ids` nil to every row (in `state`,
    /// and last changed at or after `since`, when given: `queue retry --state failed --since 1h`
    /// undoes a relay's bad hour). The rows changed are listed by id.
    public func apply(
        _ action: QueueAction, ids: [Int64]?, state: QueueMessage.State? = nil, since: Date? = nil, now: Date = Date()
    ) throws(StoreError) -> QueueChange {
        try write { db in
            var request = QueueRow.select(QueueRow.Columns.id, QueueRow.Columns.state, QueueRow.Columns.dueAt)
            if let ids { request = request.filter(ids.contains(QueueRow.Columns.id)) }
            if let state { request = request.filter(QueueRow.Columns.state == state.rawValue) }
            if let since { request = request.filter(Column("updatedAt") >= since) }
            // By id, whichever index the filters use, so that both backends list the changes alike.
            let rows = try Row.fetchAll(db, request.order(QueueRow.Columns.id))
            var change = QueueChange()
            if let ids {
                let found = Set(rows.map { $0["id"] as Int64 })
                for id in ids where !found.contains(id) { change.refused.append("\(id): no such message") }
            }
            for row in rows {
                let id: Int64 = row["id"]
                let current = QueueMessage.State(rawValue: row["state"]) ?? .failed
                guard action.fromStates.contains(current) else {
                    if ids != nil { change.refused.append("\(id): \(current.rawValue), cannot \(action.rawValue)") }
                    continue
                }
                let dueAt: Date = row["dueAt"]
                switch action {
                case .hold:
                    try db.execute(
                        sql: "UPDATE queue SET state = 'held', leaseOwner = NULL, leaseExpiresAt = NULL, updatedAt = ? WHERE id = ?",
                        arguments: [now, id])
                case .release:
                    let newState = dueAt > now ? "scheduled" : "queued"
                    try db.execute(sql: "UPDATE queue SET state = ?, updatedAt = ? WHERE id = ?", arguments: [newState, now, id])
                case .retry:
                    try db.execute(
                        sql: "UPDATE queue SET state = 'queued', nextAttemptAt = ?, reason = NULL, updatedAt = ? WHERE id = ?",
                        arguments: [now, now, id])
                case .cancel:
                    try db.execute(
                        sql: """
                            UPDATE queue SET state = 'cancelled', reason = 'cancelled by an operator', leaseOwner = NULL,
                              leaseExpiresAt = NULL, updatedAt = ? WHERE id = ?
                            """,
                        arguments: [now, id])
                }
                change.changed.append(id)
            }
            return change
        }
    }

    /// Makes every row waiting for a retry due now (`postqueue -f`): deferred rows, and queued
    /// rows put back for later (a relay pause, a sending limit). Returns how many.
    public func flushDeferred(now: Date = Date()) throws(StoreError) -> Int {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE queue SET state = 'queued', nextAttemptAt = :now, updatedAt = :now
                    WHERE state = 'deferred' OR (state = 'queued' AND nextAttemptAt > :now)
                    """,
                arguments: ["now": now])
            return db.changesCount
        }
    }

    /// Rows (without their bodies), by due time; optionally only one state.
    public func queueRows(state: QueueMessage.State? = nil, limit: Int? = nil) throws(StoreError) -> [Stored<QueueMessage>] {
        try read { db in
            var request = QueueRow.all()
            if let state { request = request.filter(QueueRow.Columns.state == state.rawValue) }
            request = request.order(QueueRow.Columns.nextAttemptAt, QueueRow.Columns.id)
            if let limit { request = request.limit(limit) }
            return try request.fetchAll(db).map { row in
                var message = row.stored
                message.body = nil
                return message
            }
        }
    }

    /// One row with its body, and every attempt at it, oldest first.
    public func queueEntry(id: Int64) throws(StoreError) -> (row: Stored<QueueMessage>, attempts: [Attempt])? {
        try read { db in
            guard let row = try QueueRow.fetchOne(db, key: id) else { return nil }
            let attempts = try AttemptRow.filter(AttemptRow.Columns.queueId == id).order(AttemptRow.Columns.id).fetchAll(db)
            return (row.stored, attempts.map(\.value))
        }
    }

    /// How many rows are in each state (states with none are absent).
    public func queueCounts() throws(StoreError) -> [QueueMessage.State: Int] {
        try read { db in
            var counts: [QueueMessage.State: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM queue GROUP BY state") {
                if let state = QueueMessage.State(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }
}

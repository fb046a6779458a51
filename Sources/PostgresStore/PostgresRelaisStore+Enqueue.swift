import Foundation
import Logging
import PostgresNIO
import StoreModel

extension PostgresRelaisStore {
    /// Rows per `INSERT` (17 parameters each, well under PostgreSQL's 65,535).
    static let enqueueBatch = 1000

    /// Inserts messages in one transaction; one that conflicts with a stored row (its idempotency
    /// key, like SQLite's `INSERT OR IGNORE`) is ignored. Returns how many were new, and wakes
    /// the daemons when there are some.
    public func enqueue(_ messages: [QueueMessage]) throws(StoreError) -> Int {
        guard !messages.isEmpty else { return 0 }
        return try transaction("enqueue messages") { connection, logger in
            let inserted = try await Self.insert(messages, connection, logger: logger)
            if inserted > 0 { try await self.notifyQueue(connection, logger: logger) }
            return inserted
        }
    }

    /// Inserts `messages` through `connection` (in its transaction), ``enqueueBatch`` rows per
    /// statement, ignoring those whose idempotency key is stored; returns how many were new.
    static func insert(_ messages: [QueueMessage], _ connection: PostgresConnection, logger: Logger) async throws -> Int {
        var inserted = 0
        var start = 0
        while start < messages.count {
            let batch = messages[start..<min(start + enqueueBatch, messages.count)]
            let rows = try await connection.query(try insertQuery(batch), logger: logger)
            inserted += try await column(Int.self, of: rows).first ?? 0
            start += batch.count
        }
        return inserted
    }

    /// One multi-row `INSERT … ON CONFLICT DO NOTHING` for `messages` that returns how many rows
    /// it inserted (one number, not an id per row).
    static func insertQuery(_ messages: ArraySlice<QueueMessage>) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: messages.count * 17)
        var tuples: [String] = []
        tuples.reserveCapacity(messages.count)
        for message in messages {
            let first = bindings.count + 1
            tuples.append("(" + (first..<first + 17).map { "$\($0)" }.joined(separator: ", ") + ", 0)")
            bindings.append(message.idempotencyKey)
            bindings.append(message.kind)
            bindings.append(message.source)
            bindings.append(message.memberId)
            bindings.append(message.recipient)
            bindings.append(message.recipientName)
            bindings.append(message.locale)
            bindings.append(message.template)
            try bindings.append(message.payload)
            bindings.append(message.dueAt)
            bindings.append(message.notAfter)
            bindings.append(message.state.rawValue)
            bindings.append(message.nextAttemptAt)
            bindings.append(message.reason)
            bindings.append(message.messageId)
            bindings.append(message.createdAt)
            bindings.append(message.updatedAt)
        }
        let sql = """
            WITH "inserted" AS (
              INSERT INTO "queue" ("idempotencyKey", "kind", "source", "memberId", "recipient", "recipientName", "locale",
                "template", "payload", "dueAt", "notAfter", "state", "nextAttemptAt", "reason", "messageId", "createdAt",
                "updatedAt", "attempts")
              VALUES \(tuples.joined(separator: ", "))
              ON CONFLICT DO NOTHING RETURNING 1)
            SELECT count(*) FROM "inserted"
            """
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }
}

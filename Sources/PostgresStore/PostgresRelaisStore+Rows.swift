import Foundation
import PostgresNIO
import StoreModel

extension PostgresRelaisStore {
    /// The columns of `queue` a ``QueueMessage`` is read from, quoted, in one select list.
    static let queueColumns = [
        "id", "idempotencyKey", "kind", "source", "memberId", "recipient", "recipientName", "locale", "template", "payload",
        "dueAt", "notAfter", "state", "attempts", "nextAttemptAt", "leaseOwner", "leaseExpiresAt", "lastReplyCode",
        "lastReplyEnhanced", "lastReplyText", "reason", "messageId", "body", "sentAt", "createdAt", "updatedAt",
    ].map { "\"\($0)\"" }.joined(separator: ", ")

    /// The same list with `NULL` for the body (listings never carry it).
    static let queueColumnsWithoutBody = queueColumns.replacingOccurrences(of: "\"body\"", with: "NULL::bytea AS \"body\"")

    /// The queue rows `rows` holds, read from the columns of ``queueColumns``.
    static func queueMessages(_ rows: PostgresRowSequence) async throws -> [Stored<QueueMessage>] {
        var messages: [Stored<QueueMessage>] = []
        for try await row in rows { messages.append(try queueMessage(row.makeRandomAccess())) }
        return messages
    }

    /// One queue row as a stored ``QueueMessage``.
    static func queueMessage(_ row: PostgresRandomAccessRow) throws -> Stored<QueueMessage> {
        let stateName = try row["state"].decode(String.self)
        guard let state = QueueMessage.State(rawValue: stateName) else {
            throw StoreError(.database, "PostgreSQL: queue row in an unknown state \(stateName)")
        }
        var message = QueueMessage(
            idempotencyKey: try row["idempotencyKey"].decode(String.self), kind: try row["kind"].decode(String.self),
            source: try row["source"].decode(String.self), memberId: try row["memberId"].decode(Int64?.self),
            recipient: try row["recipient"].decode(String.self), recipientName: try row["recipientName"].decode(String.self),
            locale: try row["locale"].decode(String.self), template: try row["template"].decode(String.self),
            payload: try row["payload"].decode(Data?.self), dueAt: try row["dueAt"].decode(Date.self),
            notAfter: try row["notAfter"].decode(Date?.self), messageId: try row["messageId"].decode(String.self),
            now: try row["createdAt"].decode(Date.self))
        message.state = state
        message.attempts = try row["attempts"].decode(Int.self)
        message.nextAttemptAt = try row["nextAttemptAt"].decode(Date.self)
        message.leaseOwner = try row["leaseOwner"].decode(String?.self)
        message.leaseExpiresAt = try row["leaseExpiresAt"].decode(Date?.self)
        message.lastReplyCode = try row["lastReplyCode"].decode(Int?.self)
        message.lastReplyEnhanced = try row["lastReplyEnhanced"].decode(String?.self)
        message.lastReplyText = try row["lastReplyText"].decode(String?.self)
        message.reason = try row["reason"].decode(String?.self)
        message.body = try row["body"].decode(Data?.self)
        message.sentAt = try row["sentAt"].decode(Date?.self)
        message.updatedAt = try row["updatedAt"].decode(Date.self)
        return Stored(id: try row["id"].decode(Int64.self), message)
    }

    /// The single column of every row, decoded as `type`.
    static func column<Value: PostgresDecodable & Sendable>(_ type: Value.Type, of rows: PostgresRowSequence) async throws -> [Value] {
        var values: [Value] = []
        for try await value in rows.decode(Value.self) { values.append(value) }
        return values
    }
}

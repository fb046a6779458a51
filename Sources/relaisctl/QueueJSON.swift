import Foundation
import Relais
import Store

/// `queue list --json` objects: id, state, recipient, template, locale, due_at, attempts, last_reply, message_id.
struct QueueRowJSON: Encodable {
    var id: Int64
    var state: String
    var recipient: String
    var template: String
    var locale: String
    var due_at: Date
    var attempts: Int
    var last_reply: String?
    var message_id: String

    init(_ row: Stored<QueueMessage>) {
        id = row.id
        state = row.state.rawValue
        recipient = row.recipient
        template = row.template
        locale = row.locale
        due_at = row.dueAt
        attempts = row.attempts
        last_reply = row.lastReplyLine
        message_id = row.messageId
    }
}

/// One attempt in `queue show --json`.
struct AttemptJSON: Encodable {
    var started_at: Date
    var finished_at: Date
    var outcome: String
    var counted: Bool
    var reply: String?

    init(_ attempt: Attempt) {
        started_at = attempt.startedAt
        finished_at = attempt.finishedAt
        outcome = attempt.outcome
        counted = attempt.countsAsAttempt
        reply = attempt.replyLine
    }
}

/// `queue show --json`.
struct QueueEntryJSON: Encodable {
    var row: QueueRowJSON
    var attempts: [AttemptJSON]
    var reason: String?
}

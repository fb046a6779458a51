import Foundation

/// One message to one recipient: a row of `queue`.
///
/// The row is created by the planner with a unique idempotency key, composed once (its
/// bytes stored in `body`, so a retry resends the same message with the same Message-ID),
/// claimed under a lease by a delivery worker, and marked `sent` only after the server's 2xx
/// reply to the end of DATA.
public struct QueueMessage: Codable, Sendable, Hashable {
    /// Where a message is in its life.
    public enum State: String, Codable, Sendable, CaseIterable {
        /// Waiting for its due time.
        case scheduled
        /// Due; waiting for a worker.
        case queued
        /// Claimed by a worker under a lease.
        case sending
        /// The server accepted it (2xx after DATA).
        case sent
        /// A temporary failure; retried at `nextAttemptAt`.
        case deferred
        /// A permanent failure (5xx, or deferred past the maximum age).
        case failed
        /// The connection was lost after the body was sent and before the reply: it may have arrived.
        case unknown
        /// Kept from sending by an operator.
        case held
        /// Never to be sent (operator, or the occurrence was cancelled).
        case cancelled
        /// Not sent because it could no longer be on time (the occurrence had started).
        case skipped
    }

    /// Unique per source × occurrence × reminder offset × member: the planner's guard against queuing twice.
    public var idempotencyKey: String
    /// `reminder`, `announcement` or `test`.
    public var kind: String
    /// What produced it: `event:12`, `announcement:3`.
    public var source: String
    /// The member it is for; nil for a test message.
    public var memberId: Int64?
    /// The recipient's address.
    public var recipient: String
    /// The recipient's name, for the To: header.
    public var recipientName: String
    /// The recipient's language.
    public var locale: String
    /// The template kind.
    public var template: String
    /// What the composer needs besides the member (JSON), when it is not in other tables.
    public var payload: Data?
    /// When it should be sent.
    public var dueAt: Date
    /// A reminder is never sent after this instant (the occurrence's start).
    public var notAfter: Date?
    /// Where the message is in its life.
    public var state: State
    /// Attempts that count against the recipient (throttling does not count).
    public var attempts: Int
    /// When a worker may next try it.
    public var nextAttemptAt: Date
    /// The worker holding the row while `sending`.
    public var leaseOwner: String?
    /// When the lease runs out and another worker may reclaim the row.
    public var leaseExpiresAt: Date?
    /// The last SMTP reply code.
    public var lastReplyCode: Int?
    /// The last enhanced status code.
    public var lastReplyEnhanced: String?
    /// The last reply text.
    public var lastReplyText: String?
    /// Why it was skipped, cancelled or failed.
    public var reason: String?
    /// `<…@…>`, fixed when the row is created.
    public var messageId: String
    /// The composed message, CRLF bytes, stored once.
    public var body: Data?
    /// When the server accepted it.
    public var sentAt: Date?
    /// When the row was created.
    public var createdAt: Date
    /// When the row last changed.
    public var updatedAt: Date

    /// A new row, `scheduled` when due later than `now`, else `queued`.
    public init(
        idempotencyKey: String, kind: String, source: String, memberId: Int64?, recipient: String,
        recipientName: String, locale: String, template: String, payload: Data?, dueAt: Date,
        notAfter: Date?, messageId: String, now: Date
    ) {
        self.idempotencyKey = idempotencyKey
        self.kind = kind
        self.source = source
        self.memberId = memberId
        self.recipient = recipient
        self.recipientName = recipientName
        self.locale = locale
        self.template = template
        self.payload = payload
        self.dueAt = dueAt
        self.notAfter = notAfter
        self.state = dueAt > now ? .scheduled : .queued
        self.attempts = 0
        self.nextAttemptAt = dueAt
        self.messageId = messageId
        self.createdAt = now
        self.updatedAt = now
    }
}

import Foundation

/// What one delivery attempt did to a claimed row, as the delivery code reports it to the queue.
public struct DeliveryResult: Sendable, Hashable {
    /// The queue row it concerns.
    public var queueId: Int64
    /// The row's new state: `sent`, `deferred` (retry at `nextAttemptAt`), `queued` (throttled or
    /// configuration trouble: retry without counting), `failed` or `unknown`.
    public var state: QueueMessage.State
    /// The ledger's outcome name: `sent`, `deferred`, `throttled`, `failed`, `bounced`, `unknown`, `configuration`.
    public var outcome: String
    /// False for throttling and configuration errors.
    public var countsAsAttempt: Bool
    /// When to try again, for a deferred or requeued row.
    public var nextAttemptAt: Date?
    /// The server's reply code, if it answered.
    public var replyCode: Int?
    /// The server's enhanced status code (`5.1.1`), if it gave one.
    public var replyEnhanced: String?
    /// The server's reply text.
    public var replyText: String?
    /// Why it failed or was given up, for `queue show`.
    public var reason: String?
    /// When the attempt started.
    public var startedAt: Date
    /// When the attempt ended.
    public var finishedAt: Date
    /// Mark the member bounced (5.1.1-style replies).
    public var bounceMember: Bool
    /// The composed bytes, stored with the result when the row had none yet.
    public var body: Data?

    /// A result for row `queueId`; see the properties.
    public init(
        queueId: Int64, state: QueueMessage.State, outcome: String, countsAsAttempt: Bool, nextAttemptAt: Date?,
        replyCode: Int?, replyEnhanced: String?, replyText: String?, reason: String?, startedAt: Date, finishedAt: Date,
        bounceMember: Bool = false, body: Data? = nil
    ) {
        self.queueId = queueId
        self.state = state
        self.outcome = outcome
        self.countsAsAttempt = countsAsAttempt
        self.nextAttemptAt = nextAttemptAt
        self.replyCode = replyCode
        self.replyEnhanced = replyEnhanced
        self.replyText = replyText
        self.reason = reason
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.bounceMember = bounceMember
        self.body = body
    }
}

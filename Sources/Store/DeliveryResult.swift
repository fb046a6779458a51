import Foundation

/// What one delivery attempt did to a claimed row, as the delivery code reports it to the queue.
public struct DeliveryResult: Sendable, Hashable {
    public var queueId: Int64
    /// The row's new state: `sent`, `deferred` (retry at `nextAttemptAt`), `queued` (throttled or
    /// configuration trouble: retry without counting), `failed` or `unknown`.
    public var state: QueueRecord.State
    /// The ledger's outcome name: `sent`, `deferred`, `throttled`, `failed`, `bounced`, `unknown`, `configuration`.
    public var outcome: String
    /// False for throttling and configuration errors.
    public var countsAsAttempt: Bool
    public var nextAttemptAt: Date?
    public var replyCode: Int?
    public var replyEnhanced: String?
    public var replyText: String?
    /// Why it failed or was given up, for `queue show`.
    public var reason: String?
    public var startedAt: Date
    public var finishedAt: Date
    /// Mark the member bounced (5.1.1-style replies).
    public var bounceMember: Bool
    /// The composed bytes, stored with the result when the row had none yet.
    public var body: Data?

    public init(
        queueId: Int64, state: QueueRecord.State, outcome: String, countsAsAttempt: Bool, nextAttemptAt: Date?,
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

/// What an operator command (`hold`, `release`, `retry`, `cancel`, `flush`) changed.
public struct QueueChange: Sendable, Hashable {
    /// Rows changed.
    public var changed: [Int64] = []
    /// Rows left alone, with the reason (`12: already sent`).
    public var refused: [String] = []

    public init() {}
}

/// Operator actions on queue rows, as `postsuper` has them.
public enum QueueAction: String, Sendable, CaseIterable {
    /// Keep from sending until released.
    case hold
    /// Undo a hold.
    case release
    /// Send again now: deferred, failed, unknown or held rows.
    case retry
    /// Never send.
    case cancel

    /// States this action applies to.
    public var fromStates: Set<QueueRecord.State> {
        switch self {
        case .hold: [.scheduled, .queued, .deferred]
        case .release: [.held]
        case .retry: [.deferred, .failed, .unknown, .held, .skipped]
        case .cancel: [.scheduled, .queued, .deferred, .held, .unknown, .failed]
        }
    }
}

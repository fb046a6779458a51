import Foundation

/// One try at delivering a queued message: a row of the `attempt` ledger.
public struct Attempt: Codable, Sendable, Hashable {

    /// The queue row that was tried.
    public var queueId: Int64
    /// When the try started.
    public var startedAt: Date
    /// When it ended.
    public var finishedAt: Date
    /// `sent`, `deferred`, `throttled`, `failed`, `bounced`, `unknown`, `configuration`.
    public var outcome: String
    /// False for throttling and configuration errors, which are not the recipient's fault.
    public var countsAsAttempt: Bool
    /// The server's reply code, if it answered.
    public var replyCode: Int?
    /// The enhanced status code (`4.7.0`), if given.
    public var replyEnhanced: String?
    /// The reply text.
    public var replyText: String?

    /// A ledger entry for one try at row `queueId`.
    public init(
        queueId: Int64, startedAt: Date, finishedAt: Date, outcome: String, countsAsAttempt: Bool,
        replyCode: Int?, replyEnhanced: String?, replyText: String?
    ) {
        self.queueId = queueId
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.countsAsAttempt = countsAsAttempt
        self.replyCode = replyCode
        self.replyEnhanced = replyEnhanced
        self.replyText = replyText
    }
}

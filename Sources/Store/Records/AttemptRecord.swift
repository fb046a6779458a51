import Foundation
import GRDB

/// One try at delivering a queued message: a row of the `attempt` ledger.
public struct AttemptRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "attempt"

    /// Column names of `attempt`.
    public enum Columns {
        public static let queueId = Column(CodingKeys.queueId)
        public static let finishedAt = Column(CodingKeys.finishedAt)
        public static let outcome = Column(CodingKeys.outcome)
    }

    public var id: Int64?
    public var queueId: Int64
    public var startedAt: Date
    public var finishedAt: Date
    /// `sent`, `deferred`, `throttled`, `failed`, `bounced`, `unknown`, `configuration`.
    public var outcome: String
    /// False for throttling and configuration errors, which are not the recipient's fault.
    public var countsAsAttempt: Bool
    public var replyCode: Int?
    public var replyEnhanced: String?
    public var replyText: String?

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

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

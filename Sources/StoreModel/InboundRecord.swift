import Foundation

/// One message the bounce intake recorded, as `relaisctl bounce list` shows it.
public struct InboundRecord: Sendable, Hashable {
    /// The row id.
    public var id: Int64
    /// When it was recorded.
    public var receivedAt: Date
    /// What it is.
    public var kind: InboundReport.Kind
    /// What it did.
    public var outcome: InboundOutcome
    /// The member's address, when it was matched to one.
    public var email: String?
    /// The DSN status (`5.1.1`) or the feedback type (`abuse`).
    public var status: String?
    /// The queue row it is about, when known.
    public var queueId: Int64?

    /// A record; see the properties.
    public init(
        id: Int64, receivedAt: Date, kind: InboundReport.Kind, outcome: InboundOutcome,
        email: String? = nil, status: String? = nil, queueId: Int64? = nil
    ) {
        self.id = id
        self.receivedAt = receivedAt
        self.kind = kind
        self.outcome = outcome
        self.email = email
        self.status = status
        self.queueId = queueId
    }
}

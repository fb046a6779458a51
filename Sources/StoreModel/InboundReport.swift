import Foundation

/// One message read from the bounce mailbox, as the store records it; GRDB-free, so another
/// backend can take the same value.
public struct InboundReport: Sendable, Hashable {
    /// What it is (the classifier's verdict).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A permanent failure: the member is marked bounced at once.
        case hard
        /// A temporary failure: counted; bounced after the soft limit.
        case soft
        /// A spam complaint: she leaves everything.
        case complaint
        /// A `mailto:` unsubscribe: she leaves one list.
        case unsubscribe
        /// Mail for people: recorded only so it is not read again.
        case human
    }

    /// Its unique key: its Message-ID, or `imap:<uidvalidity>:<uid>` (`file:<hash>` when
    /// imported from a file) when it has none.
    public var key: String
    /// Where it sits in the mailbox (`<uidvalidity>:<uid>`), when read over IMAP.
    public var mailbox: String?
    /// What it is.
    public var kind: Kind
    /// Message tokens of the VERP return path (bounces, complaints), best first.
    public var tokens: [String] = []
    /// For an unsubscribe: the list id its address names.
    public var listId: Int64?
    /// The Message-ID of the message it is about.
    public var originalMessageId: String?
    /// The failed or complaining address, when the report names it.
    public var recipient: String?
    /// The DSN status (`5.1.1`) or feedback type (`abuse`).
    public var status: String?
    /// The remote server's words.
    public var detail: String?

    /// A report; see the properties.
    public init(key: String, mailbox: String? = nil, kind: Kind) {
        self.key = key
        self.mailbox = mailbox
        self.kind = kind
    }
}

/// What recording an ``InboundReport`` did.
public enum InboundOutcome: String, Sendable, Hashable {
    /// The member is now bounced (a hard bounce, or the soft limit reached).
    case bounced
    /// A soft bounce was counted.
    case counted
    /// The member left everything (complaint).
    case unsubscribed
    /// The member left one list (mailto).
    case leftList = "left-list"
    /// A report about no member Relais knows: left for people.
    case unmatched
    /// Mail for people.
    case human

    /// True when the message should be flagged processed in the mailbox (people need not read it).
    public var isProcessed: Bool { self != .unmatched && self != .human }
}

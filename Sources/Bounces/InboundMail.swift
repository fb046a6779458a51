/// What one message in the bounce mailbox is, as ``BounceClassifier`` reads it.
public struct InboundMail: Sendable, Equatable {
    /// The kinds of mail the intake acts on; everything else is left for people.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A DSN whose action is `failed` with a 5.x.x status: the address does not work.
        case hard
        /// A DSN with a 4.x.x status or the action `delayed`: counted, bounced after several.
        case soft
        /// A feedback report (ARF): the member called the message spam.
        case complaint
        /// A mail to the `mailto:` unsubscribe address: she leaves that list.
        case unsubscribe
        /// Anything else (a reply, a vacation notice): left untouched.
        case human
    }

    /// What it is.
    public var kind: Kind
    /// Its own Message-ID (the report's, not the original's); nil when it has none.
    public var messageId: String?
    /// VERP or unsubscribe tokens found in its recipients (`bounces+TOKEN@…`), best first.
    public var tokens: [String] = []
    /// The Message-ID of the message it is about (from the enclosed original), when given.
    public var originalMessageId: String?
    /// The failed or complaining recipient's address (`Final-Recipient`, `Original-Rcpt-To`), when given.
    public var recipient: String?
    /// The DSN status (`5.1.1`) or the feedback type (`abuse`).
    public var status: String?
    /// The remote server's words (`Diagnostic-Code`), trimmed to one line.
    public var diagnostic: String?

    /// A classification; see the properties.
    public init(kind: Kind, messageId: String? = nil) {
        self.kind = kind
        self.messageId = messageId
    }
}

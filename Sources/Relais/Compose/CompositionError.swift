import Templates

/// Why a message could not be composed: the template, the recipient and the cause, on one line.
public struct CompositionError: SysexitsError, Sendable, Hashable {
    /// The template kind.
    public let template: String
    /// The recipient's address.
    public let recipient: String
    /// What went wrong (a template, address, header or calendar problem).
    public let reason: String
    /// True when the message can never be composed (its event or announcement was removed):
    /// the daemon cancels the row. Otherwise it tries again later (a template fixed by a
    /// reload, a database that answers again).
    public let isPermanent: Bool

    /// An error for `template` to `recipient`.
    public init(template: String, recipient: String, reason: String, isPermanent: Bool = false) {
        self.template = template
        self.recipient = recipient
        self.reason = reason
        self.isPermanent = isPermanent
    }

    /// Bad data (65): a template, an address or event data that cannot make a valid message.
    public var exitCode: Int32 { Sysexits.dataError }

    /// `cannot compose <template> for <recipient>: <reason>`.
    public var description: String {
        "cannot compose \(template) for \(recipient.visibleControlCharacters): \(reason)"
    }
}

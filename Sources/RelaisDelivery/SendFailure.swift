import RelaisSettings
import RelaisSupport
import SMTP

/// A message that was not sent: the recipient and the outcome, on one line, with its sysexits code.
public struct SendFailure: SysexitsError, Sendable {
    /// The envelope recipient.
    public let recipient: String
    /// What the transport said (never `sent`).
    public let outcome: SMTPOutcome

    /// A failure to send to `recipient`.
    public init(recipient: String, outcome: SMTPOutcome) {
        self.recipient = recipient
        self.outcome = outcome
    }

    /// 78 configuration, 75 temporary (deferred, throttled, unknown), 69 failed or bounced.
    public var exitCode: Int32 { outcome.exitCode }

    /// `not sent to ana@example.org: SMTP configuration error at auth: server replied 535 …`
    public var description: String {
        "not sent to \(recipient): \(outcome.description)"
    }
}

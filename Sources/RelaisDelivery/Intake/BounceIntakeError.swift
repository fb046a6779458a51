import RelaisSettings
import RelaisSupport
import Bounces
import Store

/// A pass over the bounce mailbox that could not finish, with the mailbox and the reason.
/// What was recorded before it stays recorded; the next pass goes on from there.
public struct BounceIntakeError: SysexitsError, Sendable {
    /// The mailbox URL (never with a password).
    public let mailbox: String
    /// Why.
    public let reason: String
    /// The sysexits(3) code: 78 configuration, 77 login refused, 75 temporary.
    public let exitCode: Int32

    /// An error about `mailbox`.
    public init(mailbox: String, reason: String, exitCode: Int32) {
        self.mailbox = mailbox
        self.reason = reason
        self.exitCode = exitCode
    }

    /// From an IMAP failure.
    init(mailbox: String, _ error: IMAPError) {
        let code = switch error.kind {
        case .configuration: Sysexits.config
        case .authentication: Sysexits.noPermission
        case .unavailable, .protocolError: Sysexits.tempFail
        }
        self.init(mailbox: mailbox, reason: error.message, exitCode: code)
    }

    /// One line.
    public var description: String { "bounce mailbox \(mailbox): \(reason)" }
}

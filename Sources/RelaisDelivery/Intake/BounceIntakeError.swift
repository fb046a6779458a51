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
    /// The sysexits(3) code: 78 configuration (TLS included), 77 login refused, 75 temporary.
    public let exitCode: Int32

    /// An error about `mailbox`.
    public init(mailbox: String, reason: String, exitCode: Int32) {
        self.mailbox = mailbox
        self.reason = reason
        self.exitCode = exitCode
    }

    /// From an IMAP failure. TLS failures are configuration errors (78), as SMTP's are.
    init(mailbox: String, _ error: IMAPError) {
        let code = switch error.kind {
        case .configuration, .tls: Sysexits.config
        case .authentication: Sysexits.noPermission
        case .unavailable, .protocolError: Sysexits.tempFail
        }
        let reason = error.kind == .tls
            ? error.message.replacingOccurrences(of: "set ca_file", with: "set bounces.imap.ca_file")
                .replacingOccurrences(of: "use tls:", with: "use bounces.imap.tls:")
            : error.message
        self.init(mailbox: mailbox, reason: reason, exitCode: code)
    }

    /// One line.
    public var description: String { "bounce mailbox \(mailbox): \(reason)" }
}

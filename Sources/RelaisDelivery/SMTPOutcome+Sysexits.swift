import RelaisSettings
import RelaisSupport
import SMTP

extension SMTPOutcome {
    /// The sysexits(3) code a command ends with after this outcome: 0 sent, 78 configuration
    /// (authentication, TLS), 75 deferred, throttled, unknown or a relay problem, 69 failed or bounced.
    public var exitCode: Int32 {
        switch self {
        case .sent: 0
        case .configurationError: Sysexits.config
        case .deferred, .throttled, .unknown, .relay: Sysexits.tempFail
        case .failed, .bounced: Sysexits.unavailable
        }
    }

    /// The server's reply as the server wrote it: `250 2.0.0 Ok: queued as 4F2A`.
    public var replyLine: String? {
        reply?.line
    }
}

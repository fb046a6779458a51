/// What happened to one message, in the classes the delivery queue acts on.
public enum SMTPOutcome: Sendable, Hashable, CustomStringConvertible {
    /// The server accepted the message: 2xx reply to the end of DATA.
    case sent(SMTPReply)
    /// Temporary failure (4xx, or a network error before the body was sent): retry later.
    case deferred(SMTPFailure)
    /// The server asks to slow down (421, 454, 4.7.x rate limits, sending quotas), or a local
    /// sending limit (per hour, per day) is reached: pause the whole transport; not counted as
    /// an attempt for the recipient.
    case throttled(SMTPFailure)
    /// Permanent failure (5xx) for this message.
    case failed(SMTPReply)
    /// Permanent failure meaning the mailbox does not exist or is disabled (5.1.1, 5.2.1...).
    case bounced(SMTPReply)
    /// The connection was lost after the whole body was sent and before the final reply:
    /// the message may or may not have been accepted.
    case unknown(SMTPFailure)
    /// The transport cannot work as configured (authentication, TLS, certificate): needs an operator.
    case configurationError(SMTPFailure)
    /// The relay, not the recipient, is at fault: it cannot be reached, or it refused the
    /// transaction before a recipient was named (greeting, EHLO, MAIL FROM) or refused the
    /// sender. Pause the whole transport with backoff; never charged to the recipient.
    case relay(SMTPFailure)

    /// The server reply behind this outcome, if there was one.
    public var reply: SMTPReply? {
        switch self {
        case .sent(let reply), .failed(let reply), .bounced(let reply): reply
        case .deferred(let failure), .throttled(let failure), .unknown(let failure),
             .configurationError(let failure), .relay(let failure): failure.reply
        }
    }

    /// Short name of the class: `sent`, `deferred`, `throttled`, `failed`, `bounced`, `unknown`, `configuration`, `relay`.
    public var name: String {
        switch self {
        case .sent: "sent"
        case .deferred: "deferred"
        case .throttled: "throttled"
        case .failed: "failed"
        case .bounced: "bounced"
        case .unknown: "unknown"
        case .configurationError: "configuration"
        case .relay: "relay"
        }
    }

    /// One line naming the class, the stage and the reply or error.
    public var description: String {
        switch self {
        case .sent(let reply): "sent: \(reply)"
        case .failed(let reply): "failed: server replied \(reply)"
        case .bounced(let reply): "bounced: server replied \(reply)"
        case .deferred(let failure): "deferred \(failure)"
        case .throttled(let failure): "throttled \(failure)"
        case .unknown(let failure): "unknown (message may have been delivered) \(failure)"
        case .configurationError(let failure): "SMTP configuration error \(failure)"
        case .relay(let failure): "relay problem (not the recipient's) \(failure)"
        }
    }
}

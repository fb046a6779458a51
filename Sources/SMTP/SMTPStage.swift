/// The step of an SMTP transaction at which a reply came or a failure happened.
public enum SMTPStage: String, Sendable, Hashable, CaseIterable {
    /// Opening the TCP connection (and the TLS handshake for `smtps://`).
    case connect
    /// Waiting for the server's 220 greeting.
    case greeting
    /// EHLO (or HELO).
    case ehlo
    /// STARTTLS and the TLS handshake that follows it.
    case starttls
    /// AUTH and its challenges.
    case auth
    /// MAIL FROM.
    case mail
    /// RCPT TO.
    case rcpt
    /// DATA and the sending of the body.
    case data
    /// After the whole body was sent, waiting for the final reply.
    case endOfData = "end-of-data"
}

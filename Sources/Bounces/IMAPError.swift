/// A failure to reach, log in to, or use the bounce mailbox, with the command it concerns.
public struct IMAPError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong, in the categories a caller can act on.
    public enum Kind: Sendable, Equatable {
        /// The configuration cannot work (URL, timeouts).
        case configuration
        /// The server could not be reached, or the connection was lost (try again later).
        case unavailable
        /// The server refused the login.
        case authentication
        /// TLS could not be set up: STARTTLS not offered, a failed handshake, or a server
        /// certificate that is not trusted or not issued for the host (needs an operator, like a
        /// configuration error).
        case tls
        /// The server refused a command or answered something this client does not understand.
        case protocolError
    }

    /// The category.
    public let kind: Kind
    /// One line for a person; never holds the password.
    public let message: String

    /// An error of `kind` saying `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { "IMAP: \(message)" }
}

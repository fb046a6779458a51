import Foundation

/// How an SMTP connection is configured: server, TLS policy, credentials and limits.
public struct SMTPConfiguration: Sendable, Hashable {
    /// STARTTLS policy for `smtp://` URLs (`smtps://` always uses implicit TLS).
    public enum TLSPolicy: String, Sendable, Hashable, CaseIterable {
        /// Upgrade with STARTTLS and fail when the server does not offer it (the default).
        case required
        /// Upgrade with STARTTLS when offered, otherwise continue in plain text.
        case opportunistic
        /// Never upgrade: plain text (only for a relay on the same host).
        case none
    }

    /// Which SASL mechanism AUTH uses.
    public enum AuthMechanism: String, Sendable, Hashable, CaseIterable {
        /// PLAIN when the server offers it, otherwise LOGIN.
        case automatic
        /// AUTH PLAIN only.
        case plain
        /// AUTH LOGIN only.
        case login
    }

    /// Server URL, `smtp://host:port` or `smtps://host:port` (no path: the EHLO name is `helo`).
    public var url: URL
    /// STARTTLS policy for `smtp://`.
    public var tls: TLSPolicy
    /// PEM file of certificate authorities to trust instead of the system store.
    public var caFile: String?
    /// AUTH user name; no AUTH is attempted when nil.
    public var username: String?
    /// AUTH password (UTF-8); never logged or printed.
    public var password: String?
    /// SASL mechanism for AUTH.
    public var authMechanism: AuthMechanism
    /// Name sent with EHLO; the machine's host name when nil.
    public var helo: String?
    /// Time allowed to open the TCP connection (and TLS handshake), in seconds.
    public var connectTimeout: Double
    /// Time allowed for one whole message transaction (connect included), in seconds.
    public var timeout: Double
    /// Messages sent on one connection before it is closed and a new one opened (0 = no limit).
    public var messagesPerConnection: Int

    /// Creates a configuration; validation happens in `validate()` and when a connection opens.
    public init(
        url: URL,
        tls: TLSPolicy = .required,
        caFile: String? = nil,
        username: String? = nil,
        password: String? = nil,
        authMechanism: AuthMechanism = .automatic,
        helo: String? = nil,
        connectTimeout: Double = 30,
        timeout: Double = 300,
        messagesPerConnection: Int = 100
    ) {
        self.url = url
        self.tls = tls
        self.caFile = caFile
        self.username = username
        self.password = password
        self.authMechanism = authMechanism
        self.helo = helo
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.messagesPerConnection = messagesPerConnection
    }
}

extension SMTPConfiguration: CustomStringConvertible {
    /// One line naming the server, TLS policy and user, never the password.
    public var description: String {
        let user = username.map { " user \($0)" } ?? " no AUTH"
        return "SMTP \(url.absoluteString) tls=\(tls.rawValue)\(user)"
    }
}

extension SMTPConfiguration: CustomReflectable {
    /// A mirror that shows every field but the password, so `dump` and test failures never print it.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "url": url, "tls": tls, "caFile": caFile as Any, "username": username as Any,
            "password": password == nil ? "nil" : "<hidden>", "authMechanism": authMechanism,
            "helo": helo as Any, "connectTimeout": connectTimeout, "timeout": timeout,
            "messagesPerConnection": messagesPerConnection,
        ])
    }
}

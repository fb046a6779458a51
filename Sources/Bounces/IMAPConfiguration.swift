import Foundation

/// How the bounce mailbox is reached: server and mailbox URL, TLS policy, credentials, timeouts.
public struct IMAPConfiguration: Sendable, Hashable {
    /// STARTTLS policy for `imap://` URLs (`imaps://` always uses implicit TLS).
    public enum TLSPolicy: String, Sendable, Hashable, CaseIterable {
        /// Upgrade with STARTTLS and fail when the server does not offer it (the default).
        case required
        /// Upgrade with STARTTLS when offered, otherwise continue in plain text.
        case opportunistic
        /// Never upgrade: plain text (only for a server on the same host, or tests).
        case none
    }

    /// The mailbox URL, `imaps://host[:port]/MAILBOX` or `imap://host[:port]/MAILBOX` (INBOX when no path).
    public var url: URL
    /// STARTTLS policy for `imap://`.
    public var tls: TLSPolicy
    /// PEM file of certificate authorities to trust instead of the system store.
    public var caFile: String?
    /// The login name.
    public var username: String
    /// The password (UTF-8); never logged or printed.
    public var password: String
    /// Time allowed to open the connection (and TLS handshake), in seconds.
    public var connectTimeout: Double
    /// Time allowed for one command (search, fetch, store), in seconds.
    public var timeout: Double

    /// Creates a configuration; validation happens in ``validatedCurlURL()`` and when a client is made.
    public init(
        url: URL, tls: TLSPolicy = .required, caFile: String? = nil, username: String, password: String,
        connectTimeout: Double = 30, timeout: Double = 120
    ) {
        self.url = url
        self.tls = tls
        self.caFile = caFile
        self.username = username
        self.password = password
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// The mailbox name (the URL's path, percent-decoded), INBOX when the URL has none.
    public var mailbox: String {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.path ?? ""
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return trimmed.isEmpty ? "INBOX" : trimmed
    }

    /// True for a folder name that can be sent as an IMAP quoted string as it is: ASCII
    /// letters, digits, spaces and `/ . _ -`, not empty, not starting or ending with a space.
    public static func isPlainFolderName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 200, name.first != " ", name.last != " " else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || " /._-".unicodeScalars.contains(scalar))
        }
    }

    /// Checks the URL and returns the one libcurl is given: `scheme://host:port/MAILBOX`.
    public func validatedCurlURL() throws(IMAPError) -> String {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
              let scheme = components.scheme?.lowercased(), scheme == "imap" || scheme == "imaps"
        else { throw IMAPError(.configuration, "'\(url.absoluteString)' is not an imap:// or imaps:// URL") }
        guard let host = components.host, !host.isEmpty else {
            throw IMAPError(.configuration, "'\(url.absoluteString)' has no host")
        }
        if components.user != nil || components.password != nil {
            throw IMAPError(.configuration, "credentials belong in user/password_file, not in the URL")
        }
        if components.query != nil || mailbox.contains(";") {
            throw IMAPError(.configuration, "'\(url.absoluteString)' must name a mailbox only (imaps://host/INBOX)")
        }
        guard connectTimeout > 0, timeout > 0 else { throw IMAPError(.configuration, "timeouts must be positive") }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let port = components.port ?? (scheme == "imaps" ? 993 : 143)
        let encoded = mailbox.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? mailbox
        return "\(scheme)://\(hostPart):\(port)/\(encoded)"
    }
}

extension IMAPConfiguration: CustomStringConvertible, CustomReflectable {
    /// One line naming the server, mailbox, TLS policy and user, never the password.
    public var description: String { "IMAP \(url.absoluteString) tls=\(tls.rawValue) user \(username)" }

    /// A mirror that hides the password, so `dump` and test failures never print it.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "url": url, "tls": tls, "caFile": caFile as Any, "username": username, "password": "<hidden>",
            "connectTimeout": connectTimeout, "timeout": timeout,
        ])
    }
}

import Foundation

/// Where the PostgreSQL store is: `store.url` parsed.
///
/// The form is `postgres://user@host:port/database?sslmode=verify-full` (`postgresql://` too).
/// The port defaults to 5432. `sslmode` is `disable`, `require` or `verify-full` (the default);
/// `sslrootcert=/path/ca.pem` names the CA that signs the server's certificate for `verify-full`.
/// `host=/run/postgresql` (a directory, as libpq writes it) connects through the server's unix
/// socket in that directory instead of TCP; the URL's host is then left empty
/// (`postgres://relais@/relais?host=/run/postgresql`).
///
/// A password in the URL (`postgres://user:secret@…`) is accepted but discouraged: prefer a
/// password file or the systemd credential (``PostgresPassword``). ``description`` never shows
/// it, and no error made here quotes the URL's text.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// How to reach the server.
    public enum Endpoint: Sendable, Hashable {
        /// A TCP connection to `host:port`.
        case tcp(host: String, port: Int)
        /// The unix socket `<directory>/.s.PGSQL.<port>`.
        case unixSocket(directory: String, port: Int)
    }

    /// The configuration key this value comes from, named by every error about it.
    public static let key = "store.url"

    /// How to reach the server.
    public let endpoint: Endpoint
    /// The PostgreSQL user (role) to log in as.
    public let user: String
    /// The database to open.
    public let database: String
    /// How TLS is used.
    public let tlsMode: PostgresTLSMode
    /// The CA certificate file (PEM) for `verify-full`; nil uses the system's trust store.
    public let caFile: String?
    /// The password written in the URL, if any (discouraged).
    let urlPassword: PostgresPassword?

    /// Parses `url`; throws an error naming `store.url` and what is wrong, without quoting the URL.
    public init(url: String) throws(PostgresStoreError) {
        func fail(_ message: String) -> PostgresStoreError {
            PostgresStoreError(.configuration, key: Self.key, message)
        }
        let text = url.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = text.range(of: "://") else {
            throw fail("is not a URL of the form postgres://user@host:port/database?sslmode=verify-full")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw fail("the scheme must be postgres:// or postgresql://, not \(scheme.prefix(20))://")
        }
        guard let components = URLComponents(string: text) else {
            throw fail("is not a valid URL (a password with @, /, : or ? must be percent-encoded, or better kept in a password file)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw fail("names no user: write postgres://user@host:port/database")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw fail("names no database: write postgres://user@host:port/database")
        }
        var tlsMode = PostgresTLSMode.verifyFull
        var caFile: String?
        var socketDirectory: String?
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = PostgresTLSMode(rawValue: value) else {
                    throw fail("sslmode must be disable, require or verify-full, not \(value.prefix(40))")
                }
                tlsMode = mode
            case "sslrootcert":
                guard !value.isEmpty else { throw fail("sslrootcert names no file") }
                caFile = value
            case "host":
                guard value.hasPrefix("/") else { throw fail("the host parameter must be a socket directory (an absolute path)") }
                socketDirectory = value
            default:
                throw fail("unknown parameter \(item.name.prefix(40)) (known: sslmode, sslrootcert, host)")
            }
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw fail("port \(port) is out of range") }
        let host = components.host ?? ""
        if let socketDirectory {
            guard host.isEmpty else { throw fail("names both a host and a socket directory; keep one") }
            endpoint = .unixSocket(directory: socketDirectory, port: port)
        } else {
            guard !host.isEmpty else { throw fail("names no host: write postgres://user@host:port/database") }
            if tlsMode == .verifyFull, Self.isIPAddress(host) {
                throw fail("sslmode=verify-full (the default) needs a host name matching the server's certificate, not the address \(host); write the name, or sslmode=require or disable for a server on a trusted network")
            }
            endpoint = .tcp(host: host, port: port)
        }
        if case .unixSocket = endpoint, tlsMode != .disable, components.queryItems?.contains(where: { $0.name == "sslmode" }) == true {
            throw fail("a unix socket connection does not use TLS; remove sslmode or write sslmode=disable")
        }
        if case .unixSocket = endpoint { tlsMode = .disable }
        if caFile != nil, tlsMode != .verifyFull {
            throw fail("sslrootcert is only used with sslmode=verify-full")
        }
        self.user = user
        self.database = database
        self.tlsMode = tlsMode
        self.caFile = caFile
        if let password = components.password, !password.isEmpty {
            urlPassword = PostgresPassword(password, source: .url)
        } else {
            urlPassword = nil
        }
    }

    /// True when `host` is an IPv4 or IPv6 literal (certificates are checked by name here).
    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return inet_pton(AF_INET, bare, &v4) == 1 || inet_pton(AF_INET6, bare, &v6) == 1
    }

    /// True when the URL carried a password (which ``PostgresPassword/resolve(passwordFile:location:environment:)`` may use).
    public var hasURLPassword: Bool { urlPassword != nil }

    /// The URL without its password: safe for logs and messages.
    public var description: String {
        var query = ["sslmode=\(tlsMode.rawValue)"]
        if let caFile { query.append("sslrootcert=\(caFile)") }
        switch endpoint {
        case .tcp(let host, let port):
            let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
            return "postgres://\(user)@\(shown):\(port)/\(database)?" + query.joined(separator: "&")
        case .unixSocket(let directory, let port):
            return "postgres://\(user)@:\(port)/\(database)?host=\(directory)"
        }
    }

    /// The parsed parts without the password: `dump` and test failures show no secret.
    public var customMirror: Mirror {
        Mirror(self, children: ["endpoint": endpoint, "user": user, "database": database, "tlsMode": tlsMode, "caFile": caFile as Any])
    }
}

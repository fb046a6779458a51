import Foundation

/// The password of the store's PostgreSQL user, kept out of every description.
///
/// It comes, in this order of preference, from a file named by the configuration
/// (`store.password_file`), from the systemd credential `store-password`
/// (`$CREDENTIALS_DIRECTORY/store-password`, `LoadCredential=` in the unit), or from the
/// `store.url` itself (allowed, discouraged: the URL is shown in places a password should not be).
/// Printing it, interpolating it or dumping it gives `<password from …>`, never its text.
public struct PostgresPassword: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Where a password was read from.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// A file named by `store.password_file`.
        case file(String)
        /// The systemd credential `store-password`, at this path.
        case credential(String)
        /// The password part of `store.url`.
        case url

        /// `file /etc/relais/store-password`, `credential …`, `store.url`.
        public var description: String {
            switch self {
            case .file(let path): "file \(path)"
            case .credential(let path): "credential \(path)"
            case .url: "store.url"
            }
        }
    }

    /// The secret itself; only the connector reads it.
    let value: String
    /// Where it was read from.
    public let source: Source

    /// A password given directly (tests, or a caller that read it itself).
    public init(_ value: String, source: Source) {
        self.value = value
        self.source = source
    }

    /// The name of the systemd credential that holds the password.
    public static let credentialName = "store-password"

    /// The configuration key of the password file, named by errors about it.
    public static let fileKey = "store.password_file"

    /// Finds the password: `passwordFile` if given, else the systemd credential `store-password`
    /// when `$CREDENTIALS_DIRECTORY` holds one, else the URL's password, else none (a server that
    /// trusts the connection, or a client certificate). A file that cannot be read, or is empty, is
    /// an error naming `store.password_file` (or the credential) and the path, never its content.
    /// One trailing newline is removed, as `echo secret > file` writes one.
    public static func resolve(
        passwordFile: String?, location: PostgresLocation,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PostgresStoreError) -> PostgresPassword? {
        if let passwordFile, !passwordFile.isEmpty {
            return try read(passwordFile, source: .file(passwordFile), key: fileKey)
        }
        if let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty {
            let path = (directory as NSString).appendingPathComponent(credentialName)
            if FileManager.default.fileExists(atPath: path) {
                return try read(path, source: .credential(path), key: "credential \(credentialName)")
            }
        }
        return location.urlPassword
    }

    private static func read(_ path: String, source: Source, key: String) throws(PostgresStoreError) -> PostgresPassword {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (permissions?)" : "does not exist"
            throw PostgresStoreError(.configuration, key: key, "\(path) \(reason)")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw PostgresStoreError(.configuration, key: key, "\(path) is not UTF-8 text")
        }
        // "\r\n" is one Character in Swift: either ending is one removeLast().
        if text.hasSuffix("\r\n") || text.hasSuffix("\n") { text.removeLast() }
        guard !text.isEmpty else { throw PostgresStoreError(.configuration, key: key, "\(path) is empty") }
        return PostgresPassword(text, source: source)
    }

    /// `<password from file …>`: never the secret.
    public var description: String { "<password from \(source)>" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// Only the source: `dump` and test failure output show no secret.
    public var customMirror: Mirror { Mirror(self, children: ["source": source]) }
}

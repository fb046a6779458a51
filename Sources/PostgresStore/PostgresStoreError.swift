/// Why the PostgreSQL store could not do what it was asked, as one line a person can act on.
///
/// The ``description`` names the setting at fault when there is one (`store.url: …`), never the
/// password: messages are made from parsed parts of the URL, the server's own message and the
/// kind of failure, and any text that would hold the password is redacted before it is kept.
public struct PostgresStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is, for a caller that maps it to an exit code or a retry.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case configuration, unavailable, authentication, tls, migration, schemaTooNew, query, notEmpty, rejected, mismatch
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A setting is wrong (`store.url`, the password file): fix the configuration (sysexits 78).
        public static let configuration = Kind(.configuration)
        /// The server could not be reached or closed the connection: try again later (sysexits 69/75).
        public static let unavailable = Kind(.unavailable)
        /// The server refused the user or its password (sysexits 77).
        public static let authentication = Kind(.authentication)
        /// TLS failed: the server does not offer it, or its certificate did not verify (sysexits 78).
        public static let tls = Kind(.tls)
        /// A migration failed and was rolled back (sysexits 65).
        public static let migration = Kind(.migration)
        /// The database was migrated by a newer Relais than this one (sysexits 65).
        public static let schemaTooNew = Kind(.schemaTooNew)
        /// A statement failed on the server.
        public static let query = Kind(.query)
        /// A copy's target already holds rows; nothing was copied (sysexits 73).
        public static let notEmpty = Kind(.notEmpty)
        /// A copy met a value it cannot convert, or a row the target refused; nothing was
        /// copied (sysexits 65).
        public static let rejected = Kind(.rejected)
        /// A copy's two ends disagree: a table or column one has and the other lacks, or the
        /// rows counted after copying are not the rows read; nothing was copied (sysexits 70).
        public static let mismatch = Kind(.mismatch)

        /// The kind's name (`configuration`, `tls`…).
        public var description: String { value.rawValue }
    }

    /// What kind of failure this is.
    public let kind: Kind
    /// The configuration key at fault (`store.url`, `store.password_file`), when there is one.
    public let key: String?
    /// What went wrong, without the key and without any secret.
    public let message: String

    /// Makes an error; `redacting` is a secret that must not appear in the message (it is replaced by `***`).
    public init(_ kind: Kind, key: String? = nil, _ message: String, redacting secret: String? = nil) {
        self.kind = kind
        self.key = key
        var text = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        if let secret, !secret.isEmpty { text = text.replacingOccurrences(of: secret, with: "***") }
        self.message = text
    }

    /// `key: message`, or the message alone: one line.
    public var description: String { key.map { "\($0): \(message)" } ?? message }
}

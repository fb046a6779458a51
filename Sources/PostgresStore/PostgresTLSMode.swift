/// How a connection to PostgreSQL uses TLS: the `sslmode` of `store.url`.
public enum PostgresTLSMode: String, Sendable, Hashable, CaseIterable {
    /// No TLS: the password (SCRAM) and every row travel in clear text. For a server on the same host.
    case disable
    /// TLS, but the server's certificate is not checked: protects against listening, not against an impostor.
    case require
    /// TLS with the server's certificate chain verified (the system's CAs, or `sslrootcert`) and its name
    /// matched against the host of the URL.
    case verifyFull = "verify-full"
}

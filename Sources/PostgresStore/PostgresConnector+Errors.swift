import PostgresNIO

extension PostgresConnector {
    /// Turns what PostgresNIO threw while connecting into one line a person can act on. The
    /// password never appears: it is not in PostgresNIO's errors, and is redacted all the same.
    func describe(_ error: any Error) -> PostgresStoreError {
        let secret = password?.value
        let server = "\(location)"
        func make(_ kind: PostgresStoreError.Kind, _ message: String) -> PostgresStoreError {
            PostgresStoreError(kind, key: PostgresLocation.key, message, redacting: secret)
        }
        if let error = error as? PostgresStoreError { return error }
        guard let error = error as? PSQLError else {
            return make(.unavailable, "cannot connect to \(server): \(Self.shortDescription(error))")
        }
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let text = error.serverInfo?[.message] ?? "refused"
            switch state {
            case "28P01", "28000":
                return make(.authentication, "\(server) refused the login: \(text) (check the password file or the store-password credential)")
            case "3D000":
                return make(.configuration, "\(server): \(text)")
            default:
                return make(.unavailable, "\(server) refused the connection: \(text)\(state.isEmpty ? "" : " (\(state))")")
            }
        case .sslUnsupported:
            return make(.tls, "\(server) does not offer TLS (sslmode=\(location.tlsMode.rawValue)); turn ssl on in the server, or use sslmode=disable on a trusted network")
        case .authMechanismRequiresPassword:
            return make(.authentication, "\(server) asks for a password and none was given (store.password_file, the store-password credential, or the URL)")
        case .saslError, .unsupportedAuthMechanism:
            return make(.authentication, "\(server) refused the login (\(error.code))")
        case .connectionError, .failedToAddSSLHandler:
            let underlying = error.underlying.map(Self.shortDescription) ?? "\(error.code)"
            if Self.isTLSFailure(underlying) {
                return make(.tls, "the TLS handshake with \(server) failed: \(Self.tlsReason(underlying, caFile: location.caFile))")
            }
            return make(.unavailable, "cannot connect to \(server): \(underlying)")
        default:
            return make(.unavailable, "cannot connect to \(server): \(error.code)")
        }
    }

    /// True when an underlying error comes from the TLS layer (NIOSSL, BoringSSL).
    static func isTLSFailure(_ text: String) -> Bool {
        ["NIOSSL", "BoringSSL", "SSL routines", "handshake", "CERTIFICATE", "Hostname", "hostname"].contains { text.contains($0) }
    }

    /// What a TLS failure means for an operator.
    static func tlsReason(_ text: String, caFile: String?) -> String {
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            let anchor = caFile.map { "the CA in sslrootcert \($0)" } ?? "the system's CAs"
            return "the server's certificate did not verify against \(anchor)"
        }
        if text.localizedCaseInsensitiveContains("hostname") {
            return "the server's certificate does not name this host"
        }
        return text
    }

    /// An error's description on one line, at most 300 characters.
    static func shortDescription(_ error: any Error) -> String {
        let text = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}

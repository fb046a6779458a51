import Logging
import PostgresNIO
import PostgresStore
import RelaisTestSupport
import Testing

@Suite("TLS to PostgreSQL", .postgresServerWithTLS)
struct PostgresTLSTests {
    /// True when the connection's own session is encrypted (pg_stat_ssl).
    private func encrypted(_ connector: PostgresConnector) async throws -> String? {
        try await connector.withConnection(logger: quietLogger) { connection in
            try await connection.text("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        }
    }

    @Test("sslmode=require encrypts without checking the certificate")
    func requireEncrypts() async throws {
        let server = try SharedPostgresServer.server
        let connector = try PostgresConnector(
            url: server.url(database: try server.createDatabase(), sslmode: "require"),
            passwordFile: server.writePasswordFile(), environment: [:])
        #expect(try await encrypted(connector) == "true")
    }

    @Test("sslmode=verify-full with the CA that signed the server's certificate connects")
    func verifyFullWithRightCA() async throws {
        let server = try SharedPostgresServer.server
        let connector = try PostgresConnector(
            url: server.url(
                database: try server.createDatabase(), host: "localhost", sslmode: "verify-full",
                extra: "&sslrootcert=\(TestCertificates.shared.caFile)"),
            passwordFile: server.writePasswordFile(), environment: [:])
        #expect(try await encrypted(connector) == "true")
    }

    @Test("sslmode=verify-full with another CA fails clearly, naming store.url and the CA file")
    func verifyFullWithWrongCA() async throws {
        let server = try SharedPostgresServer.server
        let otherCA = try TestCertificates.make().caFile
        let connector = try PostgresConnector(
            url: server.url(
                database: try server.createDatabase(), host: "localhost", sslmode: "verify-full",
                extra: "&sslrootcert=\(otherCA)"),
            passwordFile: server.writePasswordFile(), environment: [:])
        let error = try await #require(throws: PostgresStoreError.self) {
            try await connector.connect(logger: quietLogger)
        }
        #expect(error.kind == .tls)
        #expect("\(error)".hasPrefix("store.url: the TLS handshake with postgres://relais@localhost:\(server.port)/"))
        #expect("\(error)".contains("did not verify against the CA in sslrootcert \(otherCA)"))
        #expect(!"\(error)".contains(server.password) && !"\(error)".contains("\n"))
    }

    @Test("sslmode=verify-full refuses a certificate from the right CA that names another host")
    func verifyFullChecksTheHostName() async throws {
        let server = try PostgresServer(certificates: TestCertificates.shared, presentingOtherHost: true)
        defer { server.stop() }
        let database = try server.createDatabase()
        let connector = try PostgresConnector(
            url: server.url(
                database: database, host: "localhost", sslmode: "verify-full",
                extra: "&sslrootcert=\(TestCertificates.shared.caFile)"),
            passwordFile: server.writePasswordFile(), environment: [:])
        let error = try await #require(throws: PostgresStoreError.self) {
            try await connector.connect(logger: quietLogger)
        }
        #expect(error.kind == .tls)
        #expect("\(error)".hasPrefix("store.url: the TLS handshake with postgres://relais@localhost:\(server.port)/"))
        #expect("\(error)".hasSuffix("failed: the server's certificate does not name this host"))
        // The same server with sslmode=require: encrypted, certificate unchecked.
        let unchecked = try PostgresConnector(
            url: server.url(database: database, sslmode: "require"), passwordFile: server.writePasswordFile(), environment: [:])
        #expect(try await encrypted(unchecked) == "true")
    }

    @Test("an unreadable sslrootcert is refused before connecting")
    func missingCAFile() throws {
        #expect(throws: PostgresStoreError(.configuration, key: "store.url", "sslrootcert /nonexistent/ca.pem cannot be read")) {
            try PostgresConnector(
                url: "postgres://relais@db.example.org/relais?sslrootcert=/nonexistent/ca.pem", environment: [:])
        }
    }
}

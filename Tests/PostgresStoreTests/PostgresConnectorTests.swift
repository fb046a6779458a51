import Foundation
import Logging
import PostgresNIO
import PostgresStore
import RelaisTestSupport
import Testing

@Suite("Connecting to PostgreSQL", .postgresServer)
struct PostgresConnectorTests {
    @Test("logs in with the password from a file, over TCP without TLS")
    func passwordFromFile() async throws {
        let server = try SharedPostgresServer.server
        let connector = try connector(on: server)
        guard case .file? = connector.password?.source else {
            Issue.record("the password did not come from the file")
            return
        }
        let user = try await connector.withConnection(logger: quietLogger) { try await $0.text("SELECT current_user::text") }
        #expect(user == server.user)
    }

    @Test("logs in with the systemd credential store-password")
    func passwordFromCredential() async throws {
        let server = try SharedPostgresServer.server
        let database = try server.createDatabase()
        let credentials = TemporaryDirectory("relais-pg-credentials")
        credentials.write("store-password", server.password)
        let connector = try PostgresConnector(
            url: server.url(database: database), environment: ["CREDENTIALS_DIRECTORY": credentials.path])
        let name = try await connector.withConnection(logger: quietLogger) { try await $0.text("SELECT current_database()::text") }
        #expect(name == database)
    }

    @Test("logs in through the unix socket (host=<directory>)")
    func unixSocket() async throws {
        let server = try SharedPostgresServer.server
        let database = try server.createDatabase()
        let connector = try PostgresConnector(
            url: "postgres://\(server.user)@:\(server.port)/\(database)?host=\(server.socketDirectory)",
            passwordFile: server.writePasswordFile(), environment: [:])
        let name = try await connector.withConnection(logger: quietLogger) { try await $0.text("SELECT current_database()::text") }
        #expect(name == database)
    }

    @Test("a wrong password is one line naming store.url, without the password")
    func wrongPassword() async throws {
        let server = try SharedPostgresServer.server
        let database = try server.createDatabase()
        let wrong = "not-the-password-91f3"
        let connector = try PostgresConnector(
            url: server.url(database: database), passwordFile: server.writePasswordFile(wrong), environment: [:])
        let error = try await #require(throws: PostgresStoreError.self) {
            try await connector.connect(logger: quietLogger)
        }
        let text = "\(error)"
        #expect(error.kind == .authentication)
        #expect(text.hasPrefix("store.url: postgres://relais@127.0.0.1:\(server.port)/\(database)"))
        #expect(text.contains("password authentication failed"))
        #expect(!text.contains(wrong) && !text.contains(server.password) && !text.contains("\n"))
    }

    @Test("no password at all says where one is looked for")
    func noPassword() async throws {
        let server = try SharedPostgresServer.server
        let connector = try PostgresConnector(url: server.url(database: try server.createDatabase()), environment: [:])
        let error = try await #require(throws: PostgresStoreError.self) {
            try await connector.connect(logger: quietLogger)
        }
        #expect(error.kind == .authentication)
        #expect("\(error)".contains("store.password_file"))
    }

    @Test("a port nobody listens on is 'unavailable', naming the server")
    func nobodyListening() async throws {
        let port = try PostgresServer.freePort()
        let connector = try PostgresConnector(
            url: "postgres://relais@127.0.0.1:\(port)/relais?sslmode=disable", environment: [:])
        let error = try await #require(throws: PostgresStoreError.self) {
            try await connector.connect(logger: quietLogger)
        }
        #expect(error.kind == .unavailable)
        #expect("\(error)".hasPrefix("store.url: cannot connect to postgres://relais@127.0.0.1:\(port)/relais"))
    }

    @Test("sslmode=require against a server without TLS fails clearly")
    func requireWithoutServerTLS() async throws {
        let server = try SharedPostgresServer.server
        let connector = try PostgresConnector(
            url: server.url(database: try server.createDatabase(), sslmode: "require"),
            passwordFile: server.writePasswordFile(), environment: [:])
        let error = try await #require(throws: PostgresStoreError.self) {
            try await connector.connect(logger: quietLogger)
        }
        #expect(error.kind == .tls)
        #expect("\(error)".contains("does not offer TLS"))
    }

    @Test("the pool configuration (PostgresClient) reaches the same database")
    func pooledClient() async throws {
        let server = try SharedPostgresServer.server
        let connector = try connector(on: server)
        let client = PostgresClient(configuration: connector.clientConfiguration, backgroundLogger: quietLogger)
        let user = try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await client.withConnection { try await $0.text("SELECT current_user::text") }
        }
        #expect(user == server.user)
    }
}

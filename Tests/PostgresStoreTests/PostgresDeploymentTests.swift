import Foundation
import Logging
import PostgresNIO
import PostgresStore
import RelaisTestSupport
import StoreModel
import Testing

@Suite("Opening the PostgreSQL store for relaisd", .postgresServer)
struct PostgresDeploymentTests {
    @Test("open migrates the database; with its services running, the store works and the listener hears it")
    func opensAndRuns() async throws {
        let server = try SharedPostgresServer.server
        let database = try server.createDatabase()
        let url = server.url(database: database), passwordFile = server.writePasswordFile()
        let deployment = try await PostgresDeployment.open(url: url, passwordFile: passwordFile, logger: quietLogger, environment: [:])
        #expect(deployment.services.count == 2)
        let running = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for service in deployment.services { group.addTask { try await service.run() } }
                try await group.waitForAll()
            }
        }
        defer { running.cancel() }
        let store = deployment.store
        #expect(store.location == "postgres://relais@127.0.0.1:\(server.port)/\(database)?sslmode=disable")
        #expect(store.isShared)
        #expect(await eventually { deployment.listener.isListening })
        let before = deployment.listener.version()
        let message = QueueMessage(
            idempotencyKey: "k", kind: "test", source: "test", memberId: nil, recipient: "a@example.org", recipientName: "A",
            locale: "fr", template: "newsletter", payload: nil, dueAt: Date(), notAfter: nil, messageId: "<k@relais.test>", now: Date())
        #expect(try await offThread { try store.enqueue([message]) } == 1)
        #expect(await eventually { deployment.listener.version() > before })
        let error = try await offThread { () -> StoreError? in
            do throws(StoreError) {
                _ = try store.releaseAllLeases(now: Date())
                return nil
            } catch {
                return error
            }
        }
        #expect(error?.kind == .conflict)

        // Opening again (a second daemon) finds the schema up to date.
        let again = try await PostgresDeployment.open(url: url, passwordFile: passwordFile, logger: quietLogger, environment: [:])
        #expect(again.store.location == store.location)
    }

    @Test("a wrong URL, a wrong password or a newer schema is one line naming store.url, without the password")
    func failuresAreOneLine() async throws {
        let server = try SharedPostgresServer.server
        let database = try server.createDatabase()
        let secret = "url-secret-5d2a", wrong = "wrong-password-88c1", unused = try PostgresServer.freePort()
        func failure(_ url: String, passwordFile: String? = nil) async -> PostgresStoreError? {
            do {
                _ = try await PostgresDeployment.open(url: url, passwordFile: passwordFile, logger: quietLogger, environment: [:])
                return nil
            } catch {
                return error
            }
        }
        func check(_ error: PostgresStoreError?, _ kind: PostgresStoreError.Kind, _ expected: String) {
            let text = error.map { "\($0)" } ?? "no error"
            #expect(error?.kind == kind, "\(text)")
            #expect(text.hasPrefix("store.url: ") && text.contains(expected), "\(text)")
            #expect(!text.contains(secret) && !text.contains(wrong) && !text.contains(server.password) && !text.contains("\n"))
        }

        check(
            await failure("postgres://relais:\(secret)@127.0.0.1:\(server.port)?sslmode=disable"), .configuration, "names no database")
        check(
            await failure(server.url(database: database), passwordFile: server.writePasswordFile(wrong)), .authentication,
            "postgres://relais@127.0.0.1:\(server.port)/\(database)")
        check(
            await failure("postgres://relais:\(wrong)@127.0.0.1:\(server.port)/\(database)?sslmode=disable"), .authentication,
            "password authentication failed")
        check(
            await failure("postgres://relais@127.0.0.1:\(unused)/\(database)?sslmode=disable"), .unavailable,
            "cannot connect to postgres://relais@127.0.0.1:\(unused)/\(database)")

        try server.psql(
            "CREATE TABLE relais_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO relais_migrations (name) VALUES ('v99-from-the-future'); ALTER TABLE relais_migrations OWNER TO \(server.user)",
            database: database)
        check(
            await failure(server.url(database: database), passwordFile: server.writePasswordFile()), .schemaTooNew,
            "postgres://relais@127.0.0.1:\(server.port)/\(database)?sslmode=disable: the database was migrated by a newer Relais")
    }
}

import Foundation
import Logging
import PostgresNIO
import PostgresStore
import RelaisTestSupport
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@Suite("The PostgreSQL change listener", .postgresServer, .serialized)
struct PostgresChangeListenerTests {
    @Test("a notification bumps the version; after the server ends its connection, it listens again and bumps")
    func bumpsAndReconnects() async throws {
        let server = try SharedPostgresServer.server
        let connector = try connector(on: server)
        let listener = PostgresChangeListener(connector: connector, logger: quietLogger, retryDelay: .milliseconds(50))
        let running = Task { try await listener.run() }
        defer { running.cancel() }
        #expect(await eventually { listener.isListening })
        // Listening started: whatever was sent before is lost, so the version moved already.
        let listening = listener.version()
        #expect(listening >= 1)

        try await notify(connector)
        #expect(await eventually { listener.version() > listening })
        let notified = listener.version()

        let terminated = try server.psql(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '\(PostgresChangeListener.applicationName)'")
        #expect(terminated == "1")
        #expect(await eventually { listener.isListening && listener.version() > notified })
        let reconnected = listener.version()
        try await notify(connector)
        #expect(await eventually { listener.version() > reconnected })

        running.cancel()
        try await running.value
        #expect(!listener.isListening)
        #expect(try server.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'relais-listener'") == "0")
    }

    @Test("a server that is down is tried again until it answers; graceful shutdown ends the listener")
    func retriesUntilUpAndStopsGracefully() async throws {
        let server = try SharedPostgresServer.server
        let connector = try connector(on: server)
        try server.psql("ALTER ROLE \(server.user) NOLOGIN")
        let listener = PostgresChangeListener(
            connector: connector, logger: quietLogger, retryDelay: .milliseconds(20), maxRetryDelay: .milliseconds(100))
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await listener.run() }
                // The server refuses the login (its log says so) again and again; no version moves meanwhile.
                #expect(await eventually { server.log.filter { $0.contains("not permitted to log in") }.count >= 3 })
                #expect(!listener.isListening && listener.version() == 0)
                try server.psql("ALTER ROLE \(server.user) LOGIN")
                #expect(await eventually { listener.isListening })
                trigger.triggerGracefulShutdown()
                try await group.next()
                #expect(!listener.isListening)
            }
        }
    }

    /// Sends `NOTIFY relais_queue` from a connection of its own.
    private func notify(_ connector: PostgresConnector) async throws {
        try await connector.withConnection(logger: quietLogger) { connection in
            try await PostgresNotifier().notify(connection, logger: quietLogger)
        }
    }
}

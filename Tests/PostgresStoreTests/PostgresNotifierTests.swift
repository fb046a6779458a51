import Logging
import PostgresNIO
import PostgresStore
import Testing

@Suite("LISTEN/NOTIFY wakeups", .postgresServer)
struct PostgresNotifierTests {
    @Test("a notification from another connection wakes the listener, with its payload")
    func wakesListener() async throws {
        let connector = try connector(on: SharedPostgresServer.server)
        let wakeup = try await withDeadline {
            let listener = try await connector.connect(logger: quietLogger)
            let writer = try await connector.connect(logger: quietLogger)
            defer {
                Task { try? await listener.close(); try? await writer.close() }
            }
            let notifier = PostgresNotifier()
            return try await notifier.withWakeups(on: listener, logger: quietLogger) { wakeups -> PostgresWakeup? in
                try await notifier.notify(writer, payload: "queue:42", logger: quietLogger)
                for try await wakeup in wakeups { return wakeup }
                return nil
            }
        }
        #expect(wakeup == PostgresWakeup(payload: "queue:42"))
    }

    @Test("a notification inside a transaction arrives at commit, and not at all after a rollback")
    func deliveredAtCommit() async throws {
        let connector = try connector(on: SharedPostgresServer.server)
        let payloads = try await withDeadline {
            let listener = try await connector.connect(logger: quietLogger)
            let writer = try await connector.connect(logger: quietLogger)
            defer {
                Task { try? await listener.close(); try? await writer.close() }
            }
            let notifier = PostgresNotifier(channel: "relais_test")
            return try await notifier.withWakeups(on: listener, logger: quietLogger) { wakeups in
                try await writer.query("BEGIN", logger: quietLogger)
                try await notifier.notify(writer, payload: "rolled-back", logger: quietLogger)
                try await writer.query("ROLLBACK", logger: quietLogger)
                try await writer.withTransaction(logger: quietLogger) { connection in
                    try await notifier.notify(connection, payload: "committed", logger: quietLogger)
                }
                try await notifier.notify(writer, payload: "last", logger: quietLogger)
                var seen: [String] = []
                for try await wakeup in wakeups {
                    seen.append(wakeup.payload)
                    if wakeup.payload == "last" { break }
                }
                return seen
            }
        }
        #expect(payloads == ["committed", "last"])
    }
}

import Foundation
import Logging
import PostgresNIO
import PostgresStore
import StoreModel
import Testing

/// What the PostgreSQL queue adds to the contract (StoreContractTests runs the contract itself).
@Suite("PostgreSQL queue store", .postgresServer)
struct PostgresRelaisStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    func message(_ key: String) -> QueueMessage {
        QueueMessage(
            idempotencyKey: key, kind: "announcement", source: "announcement:1", memberId: nil, recipient: "\(key)@example.org",
            recipientName: key, locale: "fr", template: "newsletter", payload: nil, dueAt: t0, notAfter: nil,
            messageId: "<\(key)@relais.test>", now: t0)
    }

    @Test("enqueue, released leases and requeue wake a listening daemon; claims, duplicates and sends do not")
    func wakeups() async throws {
        let connector = try connector(on: SharedPostgresServer.server)
        _ = try await connector.withConnection(logger: quietLogger) { try await PostgresMigrator().migrate($0, logger: quietLogger) }
        let client = PostgresClient(configuration: connector.clientConfiguration, backgroundLogger: quietLogger)
        let running = Task { await client.run() }
        defer { running.cancel() }
        let store = PostgresRelaisStore(client: client, location: connector.location, logger: quietLogger)
        let notifier = PostgresNotifier()
        let t0 = t0, first = message("a")
        let payloads = try await withDeadline {
            let listener = try await connector.connect(logger: quietLogger)
            defer { Task { try? await listener.close() } }
            return try await notifier.withWakeups(on: listener, logger: quietLogger) { wakeups in
                var iterator = wakeups.makeAsyncIterator()
                var seen: [String] = []
                func next() async throws { seen.append(try await iterator.next()?.payload ?? "<end>") }
                _ = try await offThread { try store.enqueue([first]) }
                try await next()
                // Nothing new, a claim: no wakeup; the marker is the next thing the listener hears.
                let ids = try await offThread {
                    _ = try store.enqueue([first])
                    return try store.claim(owner: "w1", limit: 10, now: t0, lease: 60).map(\.id)
                }
                try await notifier.notify(client, payload: "marker-1", logger: quietLogger)
                try await next()
                _ = try await offThread { try store.releaseLeases(owner: "w1", now: t0) }
                try await next()
                _ = try await offThread {
                    _ = try store.claim(owner: "w1", limit: 10, now: t0, lease: 60)
                    try store.requeue(ids: ids, owner: "w1", at: t0, reason: nil)
                }
                try await next()
                _ = try await offThread {
                    _ = try store.claim(owner: "w1", limit: 10, now: t0, lease: 60)
                    try store.record(
                        ids.map {
                            DeliveryResult(
                                queueId: $0, state: .sent, outcome: "sent", countsAsAttempt: true, nextAttemptAt: nil, replyCode: 250,
                                replyEnhanced: nil, replyText: "OK", reason: nil, startedAt: t0, finishedAt: t0)
                        }, owner: "w1")
                }
                try await notifier.notify(client, payload: "marker-2", logger: quietLogger)
                try await next()
                return seen
            }
        }
        #expect(payloads == ["", "marker-1", "", "", "marker-2"])
    }

    @Test("a failed statement is one StoreError line naming what the store was doing")
    func errorsAreOneLine() async throws {
        let connector = try connector(on: SharedPostgresServer.server)
        // Not migrated: the queue table does not exist.
        let client = PostgresClient(configuration: connector.clientConfiguration, backgroundLogger: quietLogger)
        let running = Task { await client.run() }
        defer { running.cancel() }
        let store = PostgresRelaisStore(client: client, location: connector.location, logger: quietLogger)
        let error = try await offThread { () -> StoreError? in
            do throws(StoreError) {
                _ = try store.queueCounts()
                return nil
            } catch {
                return error
            }
        }
        #expect(error?.kind == .database)
        #expect(error?.message == #"PostgreSQL: cannot count the queue: relation "queue" does not exist (42P01)"#)
    }
}

/// Runs `body` on a thread of its own (the store's calls block; the cooperative pool must stay free).
func offThread<Success: Sendable>(_ body: @escaping @Sendable () throws -> Success) async throws -> Success {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

import Foundation
import Relais
@testable import RelaisDaemon
import RelaisTestSupport
import Store
import Synchronization
import Testing

/// The blocking executor, the ledger's group commit and the runtime holder, in-process.
@Suite struct ExecutorTests {
    @Test func executorRunsWorkOffThePoolAndFinishesQueuedWorkOnShutdown() async throws {
        let executor = BlockingExecutor(threads: 2)
        let value = await executor.run { 21 * 2 }
        #expect(value == 42)
        await #expect(throws: CocoaError.self) { try await executor.run { throw CocoaError(.fileNoSuchFile) } }
        let done = Mutex(0)
        for _ in 0..<20 { executor.submit { usleep(1000); done.withLock { $0 += 1 } } }
        executor.shutdown()
        #expect(done.withLock { $0 } == 20)
    }

    /// `count` test messages queued at `now` in `store` and claimed by owner `me`.
    static func claimedRows(_ count: Int, in store: RelaisStore, now: Date) throws -> [Stored<QueueMessage>] {
        _ = try store.enqueue((0..<count).map { index in
            QueueMessage(
                idempotencyKey: "k\(index)", kind: "test", source: "test", memberId: nil, recipient: "r\(index)@example.org",
                recipientName: "R", locale: "fr", template: "newsletter", payload: nil, dueAt: now, notAfter: nil,
                messageId: "<\(index)@example.org>", now: now)
        })
        return try store.claim(owner: "me", limit: count, now: now.addingTimeInterval(1), lease: 600)
    }

    /// The relay accepted `row` at `now`.
    static func sent(_ row: Stored<QueueMessage>, at now: Date) -> DeliveryResult {
        DeliveryResult(
            queueId: row.id, state: .sent, outcome: "sent", countsAsAttempt: true, nextAttemptAt: nil,
            replyCode: 250, replyEnhanced: nil, replyText: "ok", reason: nil, startedAt: now, finishedAt: now)
    }

    @Test func ledgerCommitsConcurrentResultsAndEachCallerReturnsAfterItsCommit() async throws {
        let directory = TemporaryDirectory()
        let store = try RelaisStore(path: directory.file("relais.sqlite"))
        let now = Date()
        let claimed = try Self.claimedRows(40, in: store, now: now)
        let executor = BlockingExecutor()
        let ledger = LedgerWriter(store: store, owner: "me", executor: executor)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for row in claimed {
                group.addTask {
                    try await ledger.record(Self.sent(row, at: now))
                    // Returned: the row is committed.
                    #expect(try store.queueEntry(id: row.id)?.row.state == .sent)
                }
            }
            try await group.waitForAll()
        }
        #expect(try store.queueCounts() == [.sent: 40])
        executor.shutdown()
    }

    @Test func aLeaderGathersCompanionsButNeverWaitsForOnesThatDoNotCome() throws {
        let directory = TemporaryDirectory()
        let store = try RelaisStore(path: directory.file("relais.sqlite"))
        let now = Date()
        let claimed = try Self.claimedRows(9, in: store, now: now)
        let executor = BlockingExecutor()
        let ledger = LedgerWriter(store: store, owner: "me", executor: executor)
        // Alone, asking for 8 companions: it commits after the linger, not never.
        try ledger.commit(Self.sent(claimed[0], at: now), gathering: 8)
        #expect(try store.queueEntry(id: claimed[0].id)?.row.state == .sent)
        // Eight threads at once, gathering 4: each returns with its own result committed.
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            #expect(throws: Never.self) { try ledger.commit(Self.sent(claimed[index + 1], at: now), gathering: 4) }
            #expect((try? store.queueEntry(id: claimed[index + 1].id)?.row.state) == .sent)
        }
        #expect(try store.queueCounts() == [.sent: 9])
        executor.shutdown()
    }

    @Test func aReplacedRuntimeIsClosedOnlyWhenItsPassEnds() async throws {
        let directory = TemporaryDirectory()
        let config = directory.write("relais.yaml", """
            store:
              path: \(directory.file("relais.sqlite"))
            templates:
              directory: \(Repository.path("templates"))
            sender:
              from: Relais <bonjour@example.org>
              organization: Relais
            """)
        let configuration = try await ConfigurationLoader.load(path: config, environment: [:])
        func runtime(_ transport: ScriptedTransport) -> DaemonRuntime {
            DaemonRuntime(
                configuration: configuration, composer: FixedComposer(), transport: transport,
                mapper: OutcomeMapper(settings: configuration.delivery),
                breaker: RelayBreaker(threshold: 5, pause: .init()))
        }
        let old = ScriptedTransport(), new = ScriptedTransport()
        let holder = RuntimeHolder(runtime(old))
        let (_, ticket) = await holder.checkOut()
        #expect(holder.isCurrent(ticket))
        await holder.replace(with: runtime(new))
        #expect(!holder.isCurrent(ticket))
        #expect(old.shutdowns == 0, "closed while a pass still used it")
        await holder.checkIn(ticket)
        #expect(old.shutdowns == 1 && new.shutdowns == 0)
    }
}

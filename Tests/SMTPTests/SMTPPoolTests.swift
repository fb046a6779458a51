import Foundation
import Logging
import RelaisTestSupport
import SMTP
import Synchronization
import Testing

/// The connection pool against the real test server: workers, throttle pause, rate limit, shutdown.
@Suite(.serialized) struct SMTPPoolTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func config(_ server: SMTPTestServer) -> SMTPConfiguration {
        SMTPConfiguration(url: server.url, tls: .none, helo: "relais.test", timeout: 20)
    }

    func envelope(_ number: Int) -> Envelope {
        Envelope(id: "row-\(number)", from: "relais@example.org", to: "m\(number)@example.org",
                 bytes: TestMessages.message(number))
    }

    @Test func sendsConcurrentlyOverAFixedNumberOfConnections() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let pool = try SMTPPool(configuration: config(server), connections: 3, logger: logger)
        let outcomes = await withTaskGroup(of: (Int, SMTPOutcome).self) { group in
            for number in 1...30 {
                group.addTask { (number, await pool.send(envelope(number))) }
            }
            return await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        await pool.shutdown()
        #expect(outcomes.count == 30)
        #expect(outcomes.values.allSatisfy { $0.name == "sent" })
        let records = try server.records()
        #expect(records.count == 30)
        #expect(Set(records.flatMap(\.rcpt_tos)) == Set((1...30).map { "m\($0)@example.org" }))
        for record in records {
            let number = Int(record.rcpt_tos[0].dropFirst().prefix(while: \.isNumber))!
            #expect(record.bytes == TestMessages.message(number))
        }
        #expect(server.connectionCount() <= 3)
    }

    @Test func throttledReplyPausesTheWholeTransport() async throws {
        let server = try await SMTPTestServer.start(["--fault", "mail:421 4.7.0 Slow down", "--fault-count", "1"])
        defer { server.stop() }
        let pool = try SMTPPool(configuration: config(server), connections: 2,
                                throttle: ThrottlePolicy(initial: 0.6, cap: 0.6), logger: logger)
        #expect(pool.throttledUntil == nil)
        let start = Date()
        let first = await pool.send(envelope(1))
        #expect(first.name == "throttled", "\(first)")
        // The pause (0.3–0.6 s with equal jitter) began after `start`; it may be over already on a loaded machine.
        if let pausedUntil = pool.throttledUntil { #expect(pausedUntil >= start.addingTimeInterval(0.3)) }
        // Both workers wait for the pause: whichever takes the next envelope sends after it.
        let second = await pool.send(envelope(2))
        let finished = Date()
        #expect(second.name == "sent", "\(second)")
        #expect(finished >= start.addingTimeInterval(0.3))  // equal jitter: at least half the pause
        await pool.shutdown()
    }

    @Test func rateLimitHolds() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let pool = try SMTPPool(configuration: config(server), connections: 2,
                                rateLimiter: RateLimiter(perSecond: 20), logger: logger)
        let start = Date()
        await withTaskGroup(of: Void.self) { group in
            for number in 1...6 {
                group.addTask { _ = await pool.send(envelope(number)) }
            }
        }
        let elapsed = Date().timeIntervalSince(start)
        await pool.shutdown()
        // Token bucket with burst 1 at 20/s: the 6th send starts at least 5 × 50 ms after the first.
        #expect(elapsed >= 0.25)
        #expect(try server.records().count == 6)
    }

    @Test func aSharedLimitFarAwayHandsMessagesBackAndSaysUntilWhen() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let asked = Atomic<Int>(0)
        // The other daemons used the hour's share: the next grant is in 30 minutes.
        let pool = try SMTPPool(
            configuration: config(server), connections: 2,
            sharedLimit: { asked.add(1, ordering: .relaxed); return 1800 }, logger: logger)
        let first = await pool.send(envelope(1))
        #expect(first.name == "throttled", "\(first)")
        let until = try #require(pool.throttledUntil)
        #expect(until > Date().addingTimeInterval(1700))
        // Known now: the next message is handed back without asking the store again.
        let second = await pool.send(envelope(2))
        #expect(second.name == "throttled", "\(second)")
        #expect(asked.load(ordering: .relaxed) == 1)
        await pool.shutdown()
        #expect(try server.records().isEmpty)
    }

    @Test func aSharedLimitSoonIsWaitedFor() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let asked = Atomic<Int>(0)
        // The first ask waits 0.3 s (another daemon's turn), the next is granted.
        let pool = try SMTPPool(
            configuration: config(server), connections: 1,
            sharedLimit: { asked.add(1, ordering: .relaxed).oldValue == 0 ? 0.3 : nil }, logger: logger)
        let start = Date()
        let outcome = await pool.send(envelope(1))
        #expect(outcome.name == "sent", "\(outcome)")
        #expect(Date().timeIntervalSince(start) >= 0.3)
        #expect(asked.load(ordering: .relaxed) == 2)
        await pool.shutdown()
        #expect(try server.records().count == 1)
    }

    @Test func shutdownReturnsWaitingEnvelopesAsDeferred() async throws {
        let server = try await SMTPTestServer.start(["--fault", "eod:stall", "--fault-count", "1"])
        defer { server.stop() }
        var slow = config(server)
        slow.timeout = 1
        let pool = try SMTPPool(configuration: slow, connections: 1, logger: logger)
        async let stalled = pool.send(envelope(1))
        // Polled with sleeps, not Task.yield(): a yielding loop keeps its thread of the pool,
        // and the child task it waits for may need that thread (two threads on two cores).
        try #require(await eventually { pool.inFlight > 0 })
        async let queued = pool.send(envelope(2))
        try #require(await eventually { pool.waiting > 0 })
        await pool.shutdown()
        let (a, b) = await (stalled, queued)
        #expect(a.name == "unknown", "\(a)")
        #expect(b.name == "deferred", "\(b)")
        #expect(b.description.contains("shutting down"))
        #expect(await pool.send(envelope(3)).name == "deferred")
    }

    /// `finish` may block (the daemon commits the outcome there): the outcome of a message the
    /// pool never sends is settled on a thread of the pool's, not on the caller's task.
    @Test func unsentMessagesAreSettledOnAThreadOfThePool() async throws {
        let server = try await SMTPTestServer.start(["--fault", "eod:stall", "--fault-count", "1"])
        defer { server.stop() }
        var slow = config(server)
        slow.timeout = 1
        let pool = try SMTPPool(configuration: slow, connections: 1, logger: logger)
        async let stalled = pool.send(envelope(1))
        try #require(await eventually { pool.inFlight > 0 })
        async let queued = pool.send(prepare: { envelope(2) }, finish: { outcome in (outcome.name, Self.onATaskThread) })
        try #require(await eventually { pool.waiting > 0 })
        await pool.shutdown()
        _ = await stalled
        let dropped = try #require(await queued)
        #expect(dropped.0 == "deferred")
        #expect(dropped.1 == false, "settled on the caller's task")
        let late = await pool.send(prepare: { envelope(3) }, finish: { outcome in (outcome.name, Self.onATaskThread) })
        #expect(late?.0 == "deferred")
        #expect(late?.1 == false, "settled on the caller's task")
        let paused = await pool.settle(.configurationError(SMTPFailure(stage: .auth, message: "paused"))) { _ in Self.onATaskThread }
        #expect(paused == false, "settled on the caller's task")
    }

    /// True when called synchronously from a task (on the thread running it), false on a
    /// thread of the pool's own.
    static var onATaskThread: Bool { withUnsafeCurrentTask { $0 != nil } }
}

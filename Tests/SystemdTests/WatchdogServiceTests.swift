import Logging
import Systemd
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@Suite("WatchdogService pings until graceful shutdown")
struct WatchdogServiceTests {
    private let logger = Logger(label: "relais.test") { _ in SwiftLogNoOpLogHandler() }

    @Test("pings WATCHDOG=1 repeatedly and ends on graceful shutdown", .timeLimit(.minutes(1)))
    func pings() async throws {
        let listener = try DatagramListener()
        // WATCHDOG_USEC=2 ms: a 1 ms keep-alive period.
        let notifier = SystemdNotifier(
            environment: ["NOTIFY_SOCKET": listener.notifySocket, "WATCHDOG_USEC": "2000"], logger: logger)
        let service = WatchdogService(notifier: notifier, logger: logger)

        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                for _ in 0..<3 {
                    #expect(try await listener.receiveOffPool() == "WATCHDOG=1")
                }
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    @Test("a long period does not delay shutdown", .timeLimit(.minutes(1)))
    func promptShutdown() async throws {
        let listener = try DatagramListener()
        // One hour watchdog: the service sleeps 30 minutes after its first ping.
        let notifier = SystemdNotifier(
            environment: ["NOTIFY_SOCKET": listener.notifySocket, "WATCHDOG_USEC": "3600000000"], logger: logger)
        let service = WatchdogService(notifier: notifier, logger: logger)

        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                #expect(try await listener.receiveOffPool() == "WATCHDOG=1")
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(try listener.receiveIfQueued() == nil)
    }

    @Test("an unhealthy daemon is not pinged", .timeLimit(.minutes(1)))
    func unhealthy() async throws {
        let listener = try DatagramListener()
        let notifier = SystemdNotifier(
            environment: ["NOTIFY_SOCKET": listener.notifySocket, "WATCHDOG_USEC": "2000"], logger: logger)
        let (checks, checked) = AsyncStream<Void>.makeStream()
        let service = WatchdogService(notifier: notifier, logger: logger) {
            checked.yield()
            return false
        }

        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                var iterator = checks.makeAsyncIterator()
                for _ in 0..<3 { await iterator.next() }
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(try listener.receiveIfQueued() == nil)
    }

    @Test("without a watchdog the service keeps a ServiceGroup running until graceful shutdown",
          .timeLimit(.minutes(1)))
    func disabledWaitsForShutdown() async throws {
        let listener = try DatagramListener()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.notifySocket], logger: logger)
        let probe = ProbeService()
        let group = ServiceGroup(
            services: [WatchdogService(notifier: notifier, logger: logger), probe],
            logger: logger)

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var started = probe.started.makeAsyncIterator()
            await started.next()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        // Had the watchdog returned at once, the group would have cancelled the probe instead.
        var outcome = probe.outcome.makeAsyncIterator()
        #expect(await outcome.next() == .gracefulShutdown)
        #expect(try listener.receiveIfQueued() == nil)
    }
}

/// A service that says when it runs and how it was asked to stop.
private struct ProbeService: Service {
    enum Outcome: Sendable { case gracefulShutdown, cancelled }

    let started: AsyncStream<Void>
    let outcome: AsyncStream<Outcome>
    private let startedContinuation: AsyncStream<Void>.Continuation
    private let outcomeContinuation: AsyncStream<Outcome>.Continuation

    init() {
        (started, startedContinuation) = AsyncStream<Void>.makeStream()
        (outcome, outcomeContinuation) = AsyncStream<Outcome>.makeStream()
    }

    func run() async throws {
        startedContinuation.yield()
        do {
            try await gracefulShutdown()
            outcomeContinuation.yield(.gracefulShutdown)
        } catch {
            outcomeContinuation.yield(.cancelled)
        }
    }
}

import Foundation

/// Runs blocking work (a synchronous SQLite call that may wait out the busy timeout while
/// `relaisctl` writes) on one long-lived thread of its own, so it never holds one of the few
/// threads of Swift's cooperative pool that the watchdog, signals and deliveries share.
///
/// A dedicated thread rather than a Dispatch queue: libdispatch starts and reaps worker
/// threads, and under systemd's sandbox each new one logs that it may not be reniced.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            worker.submit { continuation.resume(with: Result { try work() }) }
        }
    }

    /// ``run(_:)`` for work that cannot fail.
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            worker.submit { continuation.resume(returning: work()) }
        }
    }

    private static let worker = BlockingWorker()
}

/// One thread that runs submitted jobs in order, for the life of the process.
private final class BlockingWorker: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []

    init() {
        let thread = Thread { [self] in loop() }
        thread.name = "relais.blocking"
        thread.start()
    }

    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let next = jobs.removeFirst()
            condition.unlock()
            next()
        }
    }
}

import Foundation

/// The one way off Swift's cooperative pool for blocking work: synchronous SQLite calls (which
/// may wait out the busy timeout while `relaisctl` writes), the ledger's commits, and the file
/// transport's writes run here, on a few threads of its own, so they never hold one of the few
/// threads that the watchdog, signals and deliveries share.
///
/// Threads rather than a Dispatch queue: libdispatch starts and reaps worker threads, and under
/// systemd's sandbox each new one logs that it may not be reniced. SMTP connections are the one
/// exception: each keeps a thread of its own for the life of its connection (libcurl blocks).
///
/// Its owner shuts it down: queued work finishes, then the threads end.
public final class BlockingExecutor: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var stopping = false
    private var running: Int

    /// Starts `threads` threads named `name`.
    public init(threads: Int = 2, name: String = "relais.blocking") {
        running = max(1, threads)
        for index in 0..<running {
            let thread = Thread { [self] in loop() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Runs `work` on one of the executor's threads and returns its result.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit { continuation.resume(with: Result { try work() }) }
        }
    }

    /// ``run(_:)`` for work that cannot fail.
    public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            submit { continuation.resume(returning: work()) }
        }
    }

    /// Queues `job`; after ``shutdown()`` it runs on the calling thread instead.
    public func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        guard !stopping else {
            condition.unlock()
            job()
            return
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the queued work finish, then ends the threads; returns when they have ended.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func loop() {
        condition.lock()
        while true {
            if head < jobs.count {
                let job = jobs[head]
                head += 1
                if head > 64 && head * 2 > jobs.count {
                    jobs.removeFirst(head)
                    head = 0
                }
                condition.unlock()
                job()
                condition.lock()
            } else if stopping {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            } else {
                condition.wait()
            }
        }
    }
}

import Foundation
import Testing

/// For suites whose tests wait synchronously — on a child process (`relaisd`, `relaisctl`, a
/// Python oracle, Dovecot), a pipe, a server's port, a blocking libcurl transfer, a polling
/// loop: the suite runs in a lane, on threads of its own instead of Swift's cooperative pool,
/// its tests one at a time, and at most ``BlockingTestLanes/width`` such suites at a time.
///
/// Swift Testing runs every test on the cooperative pool, which has one thread per core: two
/// on the 2-core machines the suite runs on. Two tests blocked there for minutes (a daemon
/// run) hold the whole pool, so the async tests — the watchdog's, the SMTP pool's — cannot
/// resume and exceed their time limits, and an async test polling for another task's
/// progress never sees it. The daemon keeps its blocking work off the pool for the same
/// reason (docs/architecture.md, "Blocking work"); this is the tests' counterpart.
///
/// Swift Testing starts a test's time limit before its traits' scopes, so a test must not
/// queue once its own scope is entered: suites queue for a lane (no time limit runs then),
/// and in a `.serialized` suite — where every time-limited test of these suites is — a test
/// never waits for its lane's slot. A time-limited test in a parallel `.blocking` suite would
/// count its wait behind the suite's other tests against its limit.
public struct BlockingTestTrait: TestTrait, SuiteTrait, TestScoping {
    /// Nested suites share their parent's lane; every test case takes the lane's slot.
    public var isRecursive: Bool { true }

    /// The suite's scope takes a lane; each test case's scope takes the lane's slot.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        test.isSuite || testCase != nil ? self : nil
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        if testCase == nil {
            try await BlockingTestLanes.shared.inLane(function)
        } else {
            try await BlockingTestLanes.shared.inSlot(function)
        }
    }
}

extension Trait where Self == BlockingTestTrait {
    /// The tests wait synchronously on processes, servers or files: run them one at a time on
    /// threads of their own, off the cooperative pool (``BlockingTestTrait``).
    public static var blocking: Self { Self() }
}

/// The lanes that ``BlockingTestTrait`` suites run in: a gate admitting ``width`` suites at a
/// time, each with a slot its tests take in turn, and an executor with threads of its own on
/// which they run.
public final class BlockingTestLanes: Sendable {
    /// How many blocking suites run at a time: one per core (at least two), so that the
    /// processes their tests start (a daemon, its relay, `relaisctl`) share the machine with
    /// the in-process tests instead of swamping it.
    public static let width = max(2, ProcessInfo.processInfo.activeProcessorCount)

    /// The lanes of this test process.
    public static let shared = BlockingTestLanes()

    /// The lane the current task runs in (inherited by the suite's tests, its child tasks).
    @TaskLocal static var lane: AsyncGate?

    private let lanes = AsyncGate(width: BlockingTestLanes.width)
    private let executor = ElasticThreadExecutor(name: "relais.test.blocking")

    /// Runs a suite's `body` in a lane: waits for one (suspended, holding no thread), then
    /// runs with the lanes' executor as the task's preferred executor, so the synchronous
    /// waits of its tests block threads of the executor's, never the cooperative pool's. A
    /// suite nested in a blocking suite runs in its parent's lane.
    public func inLane(_ body: @Sendable () async throws -> Void) async throws {
        if Self.lane != nil {
            try await body()
            return
        }
        try await lanes.withPermit {
            try await Self.$lane.withValue(AsyncGate(width: 1)) {
                try await withTaskExecutorPreference(executor) { try await body() }
            }
        }
    }

    /// Runs a test case's `body` in its suite's lane, once the tests before it are done; a
    /// test outside a blocking suite (the trait on the test alone) takes a lane of its own.
    public func inSlot(_ body: @Sendable () async throws -> Void) async throws {
        guard let lane = Self.lane else {
            try await inLane { try await self.inSlot(body) }
            return
        }
        try await lane.withPermit {
            try await withTaskExecutorPreference(executor) { try await body() }
        }
    }
}

/// At most `width` bodies at a time; the others wait, suspended, in order of arrival.
actor AsyncGate {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int) {
        free = width
    }

    /// Runs `body` once a permit is free, and gives the permit back after it.
    nonisolated func withPermit(_ body: () async throws -> Void) async throws {
        await acquire()
        do {
            try await body()
        } catch {
            await release()
            throw error
        }
        await release()
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()  // the permit passes straight to the next in line
        }
    }
}

/// A task executor that runs each job on a thread of its own when every one of its threads
/// is busy (blocked in a test), and reuses idle threads otherwise; a thread idle for a while
/// ends. Jobs never wait behind a blocked thread, so a test's child tasks (its time limit's
/// timer, an `async let`) always make progress.
final class ElasticThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let name: String
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var idle = 0
    private var started = 0

    init(name: String) {
        self.name = name
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        let needsThread = jobs.count - head > idle
        if needsThread { started += 1 }
        let index = started
        condition.signal()
        condition.unlock()
        if needsThread {
            let thread = Thread { [self] in loop() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    private func loop() {
        let me = asUnownedTaskExecutor()
        condition.lock()
        while true {
            if head < jobs.count {
                let job = jobs[head]
                head += 1
                if head == jobs.count {
                    jobs.removeAll(keepingCapacity: true)
                    head = 0
                }
                condition.unlock()
                job.runSynchronously(on: me)
                condition.lock()
                continue
            }
            idle += 1
            let woken = condition.wait(until: Date().addingTimeInterval(30))
            idle -= 1
            if !woken && head == jobs.count {
                condition.unlock()
                return
            }
        }
    }
}

import Dispatch
import Synchronization

/// Runs `body` in a new task and blocks the calling thread until it finishes: how the
/// synchronous ``QueueStore`` calls, and the store copy's sink, reach postgres-nio's async API.
///
/// The task runs on Swift's cooperative pool, so the caller must NOT be on it (a pool of two
/// threads, both blocked here, would wait forever for the task they are waiting on). The daemon
/// calls the store on its blocking executor's threads; tests call it from threads of their own.
func blockingWait<Success: Sendable, Failure: Error>(
    _ body: @escaping @Sendable () async throws(Failure) -> Success
) throws(Failure) -> Success {
    let outcome = BlockingOutcome<Success, Failure>()
    Task.detached {
        do throws(Failure) {
            outcome.finish(.success(try await body()))
        } catch {
            outcome.finish(.failure(error))
        }
    }
    return try outcome.wait().get()
}

/// Where the task leaves its result for the blocked thread.
private final class BlockingOutcome<Success: Sendable, Failure: Error>: Sendable {
    private let result = Mutex<Result<Success, Failure>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    func finish(_ value: Result<Success, Failure>) {
        result.withLock { $0 = value }
        done.signal()
    }

    func wait() -> Result<Success, Failure> {
        done.wait()
        return result.withLock { $0! }
    }
}

import Dispatch
import Synchronization
import StoreModel

/// Runs `body` in a new task and blocks the calling thread until it finishes: how the
/// synchronous ``QueueStore`` calls reach postgres-nio's async API.
///
/// The task runs on Swift's cooperative pool, so the caller must NOT be on it (a pool of two
/// threads, both blocked here, would wait forever for the task they are waiting on). The daemon
/// calls the store on its blocking executor's threads; tests call it from threads of their own.
func blockingWait<Success: Sendable>(
    _ body: @escaping @Sendable () async throws(StoreError) -> Success
) throws(StoreError) -> Success {
    let outcome = BlockingOutcome<Success>()
    Task.detached {
        do throws(StoreError) {
            outcome.finish(.success(try await body()))
        } catch {
            outcome.finish(.failure(error))
        }
    }
    return try outcome.wait().get()
}

/// Where the task leaves its result for the blocked thread.
private final class BlockingOutcome<Success: Sendable>: Sendable {
    private let result = Mutex<Result<Success, StoreError>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    func finish(_ value: Result<Success, StoreError>) {
        result.withLock { $0 = value }
        done.signal()
    }

    func wait() -> Result<Success, StoreError> {
        done.wait()
        return result.withLock { $0! }
    }
}

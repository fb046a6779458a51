import Dispatch
import Synchronization
import StoreModel

/// Runs `body` in a new task and blocks the calling thread until it finishes: how the
/// synchronous ``QueueStore`` calls reach postgres-nio's async API.
///
/// The task runs on Swift's cooperative pool, so the caller must NOT be on it (a pool of two
/// threads, both blocked here, would wait forever for the task they are waiting on). The daemon
/// calls the store on its blocking executor's threads; tests call it from threads of their own.
///
/// Meanwhile the blocked thread answers what the task asks: `body` calls `ask(request)`, the
/// thread runs `answer(request)` and the task goes on with the response. This is how a call that
/// takes a closure (``PlanningStore``'s `makeRow`, neither escaping nor `Sendable`) runs it in the
/// middle of a transaction: the closure never leaves the caller's thread, which waits anyway.
func blockingWait<Request: Sendable, Response: Sendable, Success: Sendable, Failure: Error>(
    answering answer: (Request) -> Response,
    _ body: @escaping @Sendable (_ ask: @escaping @Sendable (Request) async -> Response) async throws(Failure) -> Success
) throws(Failure) -> Success {
    let exchange = BlockingExchange<Request, Response, Success, Failure>()
    Task.detached {
        do throws(Failure) {
            exchange.post(.finished(.success(try await body { request in await exchange.ask(request) })))
        } catch {
            exchange.post(.finished(.failure(error)))
        }
    }
    while true {
        switch exchange.next() {
        case .request(let request, let continuation):
            continuation.resume(returning: answer(request))
        case .finished(let result):
            return try result.get()
        }
    }
}

/// ``blockingWait(answering:_:)`` for a `body` that asks nothing of the blocked thread.
func blockingWait<Success: Sendable, Failure: Error>(
    _ body: @escaping @Sendable () async throws(Failure) -> Success
) throws(Failure) -> Success {
    try blockingWait(answering: { (_: Void) in () }) { _ async throws(Failure) -> Success in try await body() }
}

/// What the task hands the blocked thread, in order: requests to answer, then its result.
private final class BlockingExchange<Request: Sendable, Response: Sendable, Success: Sendable, Failure: Error>: Sendable {
    enum Message: Sendable {
        case request(Request, CheckedContinuation<Response, Never>)
        case finished(Result<Success, Failure>)
    }

    private let messages = Mutex<[Message]>([])
    private let posted = DispatchSemaphore(value: 0)

    /// Posts `request` to the blocked thread and waits for its answer.
    func ask(_ request: Request) async -> Response {
        await withCheckedContinuation { continuation in post(.request(request, continuation)) }
    }

    func post(_ message: Message) {
        messages.withLock { $0.append(message) }
        posted.signal()
    }

    /// The next message, waiting for one.
    func next() -> Message {
        posted.wait()
        return messages.withLock { $0.removeFirst() }
    }
}

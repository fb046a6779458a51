import Foundation
import Store

/// Records delivery results with group commit: every worker waits until its own result is
/// committed before it sends its next message, and results that arrive while a commit is
/// running share the next transaction.
///
/// This keeps DESIGN's bound: after a crash, at most one message per connection can have
/// been sent without being recorded (and so be sent again); yet under load the commits are
/// batched, not one per message.
///
/// The commits run on one thread of the writer's own, woken by a condition variable: a result
/// costs one hand-off there and one back, instead of an actor hop, a task and a Dispatch hop.
final class LedgerWriter: @unchecked Sendable {
    private let store: RelaisStore
    private let owner: String
    private let condition = NSCondition()
    private var pending: [(DeliveryResult, CheckedContinuation<Void, any Error>)] = []

    init(store: RelaisStore, owner: String) {
        self.store = store
        self.owner = owner
        let thread = Thread { [self] in loop() }
        thread.name = "relais.ledger"
        thread.start()
    }

    /// Returns once `result` is committed; throws when the database refused it (disk full…).
    func record(_ result: DeliveryResult) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            condition.lock()
            pending.append((result, continuation))
            condition.signal()
            condition.unlock()
        }
    }

    /// Commits whatever is pending, in one transaction each time, for the life of the process.
    private func loop() {
        while true {
            condition.lock()
            while pending.isEmpty { condition.wait() }
            let batch = pending
            pending = []
            condition.unlock()
            do {
                try store.record(batch.map(\.0), owner: owner)
                for (_, continuation) in batch { continuation.resume() }
            } catch {
                for (_, continuation) in batch { continuation.resume(throwing: error) }
            }
        }
    }
}

import Foundation
import Relais
import Store

/// Records delivery results with group commit: every worker waits until its own result is
/// committed before it sends its next message, and results that arrive while a commit is
/// running share the next transaction.
///
/// This keeps the queue's bound (docs/architecture.md): after a crash, at most one message per connection can have
/// been sent without being recorded (and so be sent again); yet under load the commits are
/// batched, not one per message.
///
/// Commits run on the daemon's ``BlockingExecutor``: one drain job at a time commits batch
/// after batch until nothing is pending, then returns its thread to the executor.
final class LedgerWriter: @unchecked Sendable {
    private let store: RelaisStore
    private let owner: String
    private let executor: BlockingExecutor
    private let lock = NSLock()
    private var pending: [(DeliveryResult, CheckedContinuation<Void, any Error>)] = []
    private var draining = false

    init(store: RelaisStore, owner: String, executor: BlockingExecutor) {
        self.store = store
        self.owner = owner
        self.executor = executor
    }

    /// Returns once `result` is committed; throws when the database refused it (disk full…).
    func record(_ result: DeliveryResult) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            lock.lock()
            pending.append((result, continuation))
            let start = !draining
            draining = true
            lock.unlock()
            if start { executor.submit { [self] in drain() } }
        }
    }

    /// Commits whatever is pending, one transaction per batch, until nothing is.
    private func drain() {
        while true {
            lock.lock()
            let batch = pending
            pending = []
            if batch.isEmpty { draining = false }
            lock.unlock()
            if batch.isEmpty { return }
            do {
                try store.record(batch.map(\.0), owner: owner)
                for (_, continuation) in batch { continuation.resume() }
            } catch {
                for (_, continuation) in batch { continuation.resume(throwing: error) }
            }
        }
    }
}

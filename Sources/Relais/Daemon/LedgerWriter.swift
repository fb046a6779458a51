import Foundation
import Store

/// Records delivery results with group commit: every worker waits until its own result is
/// committed before it sends its next message, and results that arrive while a commit is
/// running share the next transaction.
///
/// This keeps DESIGN's bound: after a crash, at most one message per connection can have
/// been sent without being recorded (and so be sent again); yet under load the commits are
/// batched, not one per message.
actor LedgerWriter {
    private let store: RelaisStore
    private let owner: String
    private var pending: [(DeliveryResult, CheckedContinuation<Void, any Error>)] = []
    private var flushing = false
    /// Transactions committed and results recorded, for the benchmark and status.
    private(set) var commits = 0
    private(set) var recorded = 0

    init(store: RelaisStore, owner: String) {
        self.store = store
        self.owner = owner
    }

    /// Returns once `result` is committed; throws when the database refused it (disk full…).
    func record(_ result: DeliveryResult) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending.append((result, continuation))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                try await store.recordAsync(batch.map(\.0), owner: owner)
                commits += 1
                recorded += batch.count
                for (_, continuation) in batch { continuation.resume() }
            } catch {
                for (_, continuation) in batch { continuation.resume(throwing: error) }
            }
        }
        flushing = false
    }
}

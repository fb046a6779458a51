import Foundation
import StoreModel

/// Runs `body` on a thread of its own and awaits its result: how the tests call the synchronous
/// store, as the daemon does from its blocking executor, without blocking Swift's cooperative pool
/// (which the PostgreSQL store's own tasks need).
func offPool<Success: Sendable>(_ body: @escaping @Sendable () throws -> Success) async throws -> Success {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}

/// A queue store called from async tests: each call runs on a thread of its own.
struct OffPoolQueue: Sendable {
    /// The store under test.
    let store: any QueueStore

    func enqueue(_ messages: [QueueMessage]) async throws -> Int {
        try await offPool { try store.enqueue(messages) }
    }

    func claim(owner: String, limit: Int, now: Date, lease: TimeInterval) async throws -> [Stored<QueueMessage>] {
        try await offPool { try store.claim(owner: owner, limit: limit, now: now, lease: lease) }
    }

    func record(_ results: [DeliveryResult], owner: String) async throws {
        try await offPool { try store.record(results, owner: owner) }
    }

    func revokedClaims(ids: [Int64], owner: String) async throws -> Set<Int64> {
        try await offPool { try store.revokedClaims(ids: ids, owner: owner) }
    }

    func requeue(ids: [Int64], owner: String, at date: Date, reason: String?) async throws {
        try await offPool { try store.requeue(ids: ids, owner: owner, at: date, reason: reason) }
    }

    func releaseLeases(owner: String, now: Date) async throws -> Int {
        try await offPool { try store.releaseLeases(owner: owner, now: now) }
    }

    func nextDueTime() async throws -> Date? {
        try await offPool { try store.nextDueTime() }
    }

    func sentTimes(since date: Date) async throws -> [Date] {
        try await offPool { try store.sentTimes(since: date) }
    }

    func expireDeferred(olderThan maxAge: TimeInterval, now: Date) async throws -> Int {
        try await offPool { try store.expireDeferred(olderThan: maxAge, now: now) }
    }

    func queueRows(state: QueueMessage.State? = nil, limit: Int? = nil) async throws -> [Stored<QueueMessage>] {
        try await offPool { try store.queueRows(state: state, limit: limit) }
    }

    func queueCounts() async throws -> [QueueMessage.State: Int] {
        try await offPool { try store.queueCounts() }
    }

    /// The row `id`, as listed (without its body).
    func row(_ id: Int64) async throws -> Stored<QueueMessage>? {
        try await queueRows().first { $0.id == id }
    }
}

import Dispatch

/// Runs blocking work (a synchronous SQLite call that may wait out the busy timeout while
/// `relaisctl` writes) on a Dispatch thread, so it never holds one of the few threads of
/// Swift's cooperative pool that the watchdog, signals and deliveries share.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    /// ``run(_:)`` for work that cannot fail.
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async { continuation.resume(returning: work()) }
        }
    }
}

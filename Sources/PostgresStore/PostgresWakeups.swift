import PostgresNIO

/// The wakeups a listening connection receives, in order, as an async sequence.
///
/// It ends with an error when the connection is lost (the listener should reconnect and then
/// look at the queue: notifications sent while it was away are not kept by PostgreSQL).
public struct PostgresWakeups: AsyncSequence, Sendable {
    /// One wakeup.
    public typealias Element = PostgresWakeup

    let base: PostgresNotificationSequence

    /// Iterates the wakeups.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator())
    }

    /// The iterator of ``PostgresWakeups``.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: PostgresNotificationSequence.AsyncIterator

        /// The next wakeup; nil when listening ended.
        public mutating func next() async throws -> PostgresWakeup? {
            try await base.next().map { PostgresWakeup(payload: $0.payload) }
        }
    }
}

@available(*, unavailable)
extension PostgresWakeups.AsyncIterator: Sendable {}

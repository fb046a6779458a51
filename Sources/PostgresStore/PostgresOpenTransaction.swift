import PostgresNIO

/// The transaction ``PostgresRelaisStore/inOneTransaction(_:)`` holds open for the thread that
/// runs its body: a task-local value, which synchronous code on one thread sees, so the store's
/// calls made there run on its connection instead of a transaction of their own.
struct PostgresOpenTransaction: Sendable {
    /// The store that opened it (calls of another store do not join it).
    let store: ObjectIdentifier
    /// The pooled connection the transaction is open on, leased until it ends.
    let connection: PostgresConnection

    /// The transaction open on this thread, if any.
    @TaskLocal static var current: PostgresOpenTransaction?
}

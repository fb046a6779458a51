import PostgresNIO
import StoreModel

/// Several calls as one transaction (``EventStore/inOneTransaction(_:)``), as SQLite's store
/// makes them: how an event change and the notices telling it commit together.
extension PostgresRelaisStore {
    /// Runs `body` on the calling thread as ONE transaction: a connection is leased from the pool
    /// and `BEGIN` sent; every call of this store that `body` makes on this thread runs on that
    /// connection, inside the transaction (``transaction(_:answering:_:)`` looks for it); then
    /// `COMMIT`, or `ROLLBACK` when `body` threw, and the caller gets its error as it was. Inside
    /// another `inOneTransaction` of this store, `body` simply joins the outer one.
    ///
    /// Like every call of the store it blocks the calling thread, which must not be one of
    /// Swift's cooperative pool: the transaction is held by a task that waits for `body`.
    ///
    /// One difference with SQLite: a statement PostgreSQL refuses aborts the whole transaction,
    /// so after a call inside `body` threw a database error, the next call fails too; `body`
    /// should let such an error end it (the event commands do).
    public func inOneTransaction<T>(_ body: () throws -> T) throws -> T {
        let identity = ObjectIdentifier(self)
        if let open = PostgresOpenTransaction.current, open.store == identity { return try body() }
        var outcome: Result<T, any Error>?
        let client = client, logger = logger
        // The task holds the transaction and asks the blocked thread, once, to run `body` on
        // its connection; it commits when the answer is true, rolls back otherwise.
        try blockingWait(answering: { (connection: PostgresConnection) -> Bool in
            let open = PostgresOpenTransaction(store: identity, connection: connection)
            let result = PostgresOpenTransaction.$current.withValue(open) { Result { try body() } }
            outcome = result
            if case .success = result { return true }
            return false
        }) { (ask) async throws(StoreError) -> Void in
            do {
                try await client.withTransaction(logger: logger) { connection in
                    guard await ask(connection) else { throw RolledBack() }
                }
            } catch {
                if Self.isRollback(error) { return }
                throw Self.storeError(error, action: "commit a transaction")
            }
        }
        guard let outcome else { throw StoreError(.database, "PostgreSQL: the transaction ended before it began") }
        return try outcome.get()
    }

    /// Thrown inside the transaction to have postgres-nio roll it back after `body` failed.
    private struct RolledBack: Error {}

    /// True when `error` is the transaction's own ``RolledBack``, however postgres-nio wraps it.
    private static func isRollback(_ error: any Error) -> Bool {
        if error is RolledBack { return true }
        if let error = error as? PostgresTransactionError, error.closureError is RolledBack { return true }
        return false
    }
}

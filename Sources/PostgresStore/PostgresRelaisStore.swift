import Logging
import PostgresNIO
import StoreModel

/// The delivery queue in PostgreSQL, shared by several relaisd: the ``QueueStore`` contract over
/// a ``PostgresClient`` pool.
///
/// What it adds to the contract, for several daemons on one queue:
/// - A claim locks the rows it takes with `FOR UPDATE SKIP LOCKED`: two daemons claiming at the
///   same moment get disjoint rows and neither waits for the other.
/// - Lease owners must be unique per daemon instance (its `instanceId`): an owner's name is
///   what ``record(_:owner:)``, ``requeue(ids:owner:at:reason:)`` and the release check.
/// - A lease is given back by its owner only (``releaseLeases(owner:now:)``); a daemon that died
///   holding leases loses them when they run out, and the next claim takes those rows over.
/// - A change that makes rows due (enqueue, requeue, a retry recorded, leases given back) sends
///   `NOTIFY relais_queue` in its transaction, so waiting daemons wake when it commits.
///
/// The calls are synchronous (the contract is): each runs its transaction as a task and blocks
/// the calling thread until it ends. Call them from threads of your own (the daemon's blocking
/// executor), never from Swift's cooperative pool.
///
/// The client must be running (`client.run()` in the service group, or a task of its own) for
/// as long as the store is used.
public final class PostgresRelaisStore: QueueStore {
    /// The pool the store's transactions run on.
    public let client: PostgresClient
    let logger: Logger
    let notifier: PostgresNotifier

    /// A queue store over `client` (which the caller runs), logging to `logger`, waking
    /// listeners through `notifier`.
    public init(client: PostgresClient, logger: Logger, notifier: PostgresNotifier = PostgresNotifier()) {
        self.client = client
        self.logger = logger
        self.notifier = notifier
    }

    /// Runs `body` in one transaction on a pooled connection, blocking the calling thread; any
    /// failure becomes a one-line ``StoreError`` saying what the store was doing (`action`).
    func transaction<Success: Sendable>(
        _ action: String, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> Success
    ) throws(StoreError) -> Success {
        let client = client, logger = logger
        return try blockingWait { () async throws(StoreError) -> Success in
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    try await body(connection, logger)
                }
            } catch {
                throw Self.storeError(error, action: action)
            }
        }
    }

    /// Sends the queue's wakeup inside the current transaction (delivered at its commit).
    func notifyQueue(_ connection: PostgresConnection, logger: Logger) async throws {
        try await notifier.notify(connection, logger: logger)
    }
}

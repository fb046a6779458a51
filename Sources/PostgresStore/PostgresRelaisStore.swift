import Logging
import PostgresNIO
import StoreModel

/// The store in PostgreSQL, shared by several relaisd: the ``DaemonStore`` contract (the queue,
/// the planner's reads and writes, composition, relay-wide repair, heartbeats), relaisctl's
/// ``OperatorStore`` (members, lists, announcements, events and their notices, exports, the
/// operator's queue actions, the bounce intake's records) and the web endpoint's
/// ``WebAnswerStore``, over a ``PostgresClient`` pool.
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
/// - The planner's watermark only moves forward, and each due announcement is fanned out by one
///   daemon (`FOR UPDATE SKIP LOCKED`), see ``enqueueReminders(_:plannedUntil:)`` and
///   ``queueDueAnnouncements(now:makeRow:)``.
/// - Each daemon instance has its heartbeat row (``beat(_:)``, ``heartbeats()``).
/// - Several calls can be one transaction (``inOneTransaction(_:)``): an event change and the
///   notices telling it commit together, and other daemons see neither before.
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
    /// Where the database is: `store.url` without its password
    /// (`postgres://relais@db.example.org:5432/relais?sslmode=verify-full`).
    public let location: String
    let logger: Logger
    let notifier: PostgresNotifier

    /// A store over `client` (which the caller runs) on the database at `location`, logging to
    /// `logger`, waking listeners through `notifier`.
    public init(client: PostgresClient, location: PostgresLocation, logger: Logger, notifier: PostgresNotifier = PostgresNotifier()) {
        self.client = client
        self.location = location.description
        self.logger = logger
        self.notifier = notifier
    }

    /// Runs `body` in one transaction on a pooled connection, blocking the calling thread; any
    /// failure becomes a one-line ``StoreError`` saying what the store was doing (`action`).
    func transaction<Success: Sendable>(
        _ action: String, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> Success
    ) throws(StoreError) -> Success {
        try transaction(action, answering: { (_: Never) in }) { connection, logger, _ in try await body(connection, logger) }
    }

    /// Runs `body` in one transaction like ``transaction(_:_:)``, answering on the calling thread
    /// what `body` asks meanwhile (`ask(request)` returns `answer(request)`): how a closure of the
    /// caller's, which may not leave its thread, takes part in the transaction.
    ///
    /// Inside ``inOneTransaction(_:)`` on this thread, `body` runs on that transaction's
    /// connection and becomes part of it.
    func transaction<Request: Sendable, Response: Sendable, Success: Sendable>(
        _ action: String, answering answer: (Request) -> Response,
        _ body: @escaping @Sendable (PostgresConnection, Logger, _ ask: @escaping @Sendable (Request) async -> Response) async throws
            -> Success
    ) throws(StoreError) -> Success {
        let client = client, logger = logger
        if let open = PostgresOpenTransaction.current, open.store == ObjectIdentifier(self) {
            return try blockingWait(answering: answer) { (ask) async throws(StoreError) -> Success in
                do {
                    return try await body(open.connection, logger, ask)
                } catch {
                    throw Self.storeError(error, action: action)
                }
            }
        }
        return try blockingWait(answering: answer) { (ask) async throws(StoreError) -> Success in
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    try await body(connection, logger, ask)
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

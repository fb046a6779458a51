import Logging
import PostgresNIO
import ServiceLifecycle
import StoreModel
import Synchronization

/// Tells a sleeping daemon that the queue changed, from PostgreSQL's `LISTEN relais_queue`: the
/// ``ChangeSignal`` of the PostgreSQL store, and a `Service` that keeps the listening connection.
///
/// ``version()`` is a counter, bumped by every notification on the channel and every time
/// `LISTEN` takes effect on a new connection: PostgreSQL keeps no notification for a listener
/// that is not connected, so whatever was sent before (at start, or while the connection was
/// lost) can only be found by reading the queue again, which a bump makes the daemon do.
///
/// ``run()`` connects (its own connection, not one of the pool's; `relais-listener` in
/// `pg_stat_activity`), listens until cancelled or until graceful shutdown, and when the
/// connection is lost (the server restarted, a network failure, an administrator terminated it)
/// connects again after a delay that doubles from `retryDelay` up to `maxRetryDelay`, logging a
/// warning naming `store.url` and the reason, never the password.
public final class PostgresChangeListener: ChangeSignal, Service {
    /// The `application_name` of the listening connection.
    public static let applicationName = "relais-listener"

    private let connector: PostgresConnector
    private let notifier: PostgresNotifier
    private let logger: Logger
    private let retryDelay: Duration
    private let maxRetryDelay: Duration
    private let counter = Atomic<Int>(0)
    private let listening = Atomic<Bool>(false)

    /// A listener on `notifier`'s channel of the database `connector` reaches; after a lost
    /// connection it waits `retryDelay`, doubled after each failed attempt up to `maxRetryDelay`.
    public init(
        connector: PostgresConnector, notifier: PostgresNotifier = PostgresNotifier(), logger: Logger,
        retryDelay: Duration = .milliseconds(500), maxRetryDelay: Duration = .seconds(30)
    ) {
        self.connector = connector
        self.notifier = notifier
        self.logger = logger
        self.retryDelay = retryDelay
        self.maxRetryDelay = maxRetryDelay
    }

    /// A number that changes whenever a notification arrived or listening (re)started.
    public func version() -> Int {
        counter.load(ordering: .acquiring)
    }

    /// Whether `LISTEN` is in effect on a live connection now.
    public var isListening: Bool {
        listening.load(ordering: .acquiring)
    }

    /// Listens, reconnecting as needed, until the task is cancelled or graceful shutdown; then
    /// closes its connection and returns.
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.listenUntilCancelled() }
    }

    private func listenUntilCancelled() async {
        var delay = retryDelay
        while !Task.isCancelled {
            var listened = false
            let reason: String
            do {
                try await listenOnce { listened = true }
                reason = "the connection ended"
            } catch let error as PostgresStoreError {
                reason = error.description
            } catch {
                reason = "\(connector.location): \(PostgresMigrator.serverMessage(error))"
            }
            listening.store(false, ordering: .releasing)
            if Task.isCancelled { return }
            if listened { delay = retryDelay }
            logger.warning(
                "not listening for queue changes; connecting again",
                metadata: ["relais.store.error": "\(reason)", "relais.store.retry_in": "\(delay)"])
            do {
                try await Task.sleep(for: delay)
            } catch {
                return
            }
            if !listened { delay = min(delay * 2, maxRetryDelay) }
        }
    }

    /// Connects, listens and bumps the counter for each notification until the connection ends
    /// or the task is cancelled; `onListening` runs once `LISTEN` is in effect.
    private func listenOnce(_ onListening: () -> Void) async throws {
        let connection = try await connector.connect(logger: logger, applicationName: Self.applicationName)
        do {
            try await notifier.withWakeups(on: connection, logger: logger) { wakeups in
                listening.store(true, ordering: .releasing)
                counter.add(1, ordering: .releasing)
                onListening()
                logger.debug("listening for queue changes", metadata: ["relais.store.channel": "\(notifier.channel)"])
                for try await _ in wakeups { counter.add(1, ordering: .releasing) }
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try? await connection.close()
    }
}

import Logging
import PostgresNIO

/// "The queue changed" between processes, with PostgreSQL's LISTEN/NOTIFY, so a daemon waits
/// for a wakeup instead of polling.
///
/// A writer calls ``notify(_:payload:logger:)`` (inside its transaction: PostgreSQL delivers the
/// notification at commit, and not at all on rollback). A daemon holds one connection that runs
/// ``withWakeups(on:logger:_:)`` and reads the queue again after each wakeup. PostgreSQL merges
/// identical notifications of one transaction and keeps none for a listener that is not
/// connected, so a listener that reconnects reads the queue once before waiting again.
public struct PostgresNotifier: Sendable {
    /// The channel of queue changes.
    public static let queueChannel = "relais_queue"

    /// The channel this notifier sends and listens on.
    public let channel: String

    /// A notifier on `channel`: lower-case letters, digits and `_`, at most 63 characters (a
    /// PostgreSQL identifier that needs no quoting).
    public init(channel: String = queueChannel) {
        precondition(
            !channel.isEmpty && channel.count <= 63
                && channel.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F },
            "a notifier channel is a plain lower-case identifier")
        self.channel = channel
    }

    /// Sends a wakeup with `payload` (at most 7,999 bytes) on the channel through `connection`;
    /// inside a transaction it is delivered when that transaction commits.
    public func notify(_ connection: PostgresConnection, payload: String = "", logger: Logger) async throws(PostgresStoreError) {
        do {
            _ = try await connection.query("SELECT pg_notify(\(channel), \(payload))", logger: logger)
        } catch {
            throw PostgresStoreError(.query, "cannot notify \(channel): \(PostgresMigrator.serverMessage(error))")
        }
    }

    /// Sends a wakeup with `payload` through a pooled client.
    public func notify(_ client: PostgresClient, payload: String = "", logger: Logger) async throws(PostgresStoreError) {
        do {
            _ = try await client.query("SELECT pg_notify(\(channel), \(payload))", logger: logger)
        } catch {
            throw PostgresStoreError(.query, "cannot notify \(channel): \(PostgresMigrator.serverMessage(error))")
        }
    }

    /// Listens on the channel with `connection` (which should do nothing else meanwhile) and runs
    /// `body` with the wakeups; `LISTEN` is in effect before `body` starts, and `UNLISTEN` is sent
    /// when it returns or throws.
    public func withWakeups<Result>(
        on connection: PostgresConnection, logger: Logger, _ body: (PostgresWakeups) async throws -> Result
    ) async throws -> Result {
        try await connection.listen(on: channel) { notifications in
            try await body(PostgresWakeups(base: notifications))
        }
    }
}

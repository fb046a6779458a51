import GRDB
import StoreModel

/// Notices commits made by other connections (another process's `relaisctl`, or this
/// process's own pool) through SQLite's `PRAGMA data_version`, which changes on a
/// connection whenever another connection commits.
///
/// It holds one dedicated connection; checking costs one pragma, so polling it twice a second
/// keeps an idle daemon's CPU at about zero. The daemon's heartbeat is written through this
/// same connection, so its own beats never look like another process's commit (an idle
/// daemon does not wake itself every few seconds).
public final class ChangeMonitor: Sendable {
    private let connection: DatabaseQueue

    /// Opens a dedicated connection to the store's file.
    public init(store: RelaisStore) throws(StoreError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(RelaisStore.busyTimeout)
        configuration.label = "relais.change-monitor"
        do {
            connection = try DatabaseQueue(path: store.path, configuration: configuration)
        } catch {
            throw StoreError(.cannotOpen, "cannot open database \(store.path): \(RelaisStore.describe(error))")
        }
    }

    /// A number that changes whenever another connection committed.
    public func version() -> Int {
        (try? connection.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }) ?? 0
    }

    /// Records that the daemon is alive and what it is doing, through this connection.
    public func beat(_ heartbeat: Heartbeat) throws(StoreError) {
        do {
            try connection.write { db in try HeartbeatRow(heartbeat).save(db) }
        } catch {
            throw StoreError(.database, "database: \(RelaisStore.describe(error))")
        }
    }
}

import Foundation
import Logging
import Relais
import ServiceLifecycle
import Store

/// The store relaisd runs on, with what comes with it: how it learns of other processes'
/// changes, where its heartbeat goes, what must run beside it, and the lock that keeps a second
/// daemon off a store that is not shared.
struct DaemonBackend: Sendable {
    /// Where the queue, members, events and announcements are.
    let store: any DaemonStore
    /// Wakes the idle engine when another process changed the store.
    let changes: any ChangeSignal
    /// Where the heartbeat goes.
    let heartbeat: any HeartbeatWriter
    /// The SQLite store, for what runs on it only (the web endpoint, the bounce mailbox); nil on PostgreSQL.
    let sqlite: RelaisStore?
    /// What must run while the store is used (PostgreSQL's connection pool and listener); they
    /// go first in the service group, so they stop last.
    let services: [any Service]
    /// Held for the life of the process: one daemon per SQLite file.
    let lock: DaemonLock?

    /// Opens the store `configuration` names: SQLite at `store.path`, locked for this daemon.
    /// Throws a ``SysexitsError`` naming what is wrong.
    static func open(configuration: RelaisConfiguration, logger: Logger) async throws -> DaemonBackend {
        let store = try RelaisStore(path: configuration.storePath, syncEveryCommit: false)
        let lock = try DaemonLock(databasePath: configuration.storePath)
        let monitor = try ChangeMonitor(store: store)
        return DaemonBackend(store: store, changes: monitor, heartbeat: monitor, sqlite: store, services: [], lock: lock)
    }

    /// Runs `body` while the backend's services run (relaisd --once, which has no service group).
    func whileRunning<Result: Sendable>(_ body: @Sendable () async throws -> Result) async throws -> Result {
        guard !services.isEmpty else { return try await body() }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services { group.addTask { try await service.run() } }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}

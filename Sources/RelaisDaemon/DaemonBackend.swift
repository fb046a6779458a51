import Foundation
import Logging
import PostgresStore
import Relais
import ServiceLifecycle
import Store

/// The store relaisd runs on, with what comes with it: how it learns of other processes'
/// changes, where its heartbeat goes, what must run beside it, and the lock that keeps a second
/// daemon off a store that is not shared.
struct DaemonBackend: Sendable {
    /// Where the queue, members, events and announcements are, and what the web endpoint and
    /// the bounce mailbox write: SQLite and PostgreSQL keep all of it.
    let store: any DaemonStore & WebAnswerStore & InboundStore
    /// Wakes the idle engine when another process changed the store.
    let changes: any ChangeSignal
    /// Where the heartbeat goes.
    let heartbeat: any HeartbeatWriter
    /// What must run while the store is used (PostgreSQL's connection pool and listener): from
    /// before the first store call until after the last (``whileRunning(_:)``).
    let services: [any Service]
    /// Held for the life of the process: one daemon per SQLite file.
    let lock: DaemonLock?

    /// Opens the store `configuration` names: SQLite at `store.path`, locked for this daemon, or
    /// PostgreSQL at `store.url`, shared with any other daemon (migrated first if it needs to be).
    /// Throws a ``SysexitsError`` naming what is wrong, never the password.
    static func open(configuration: RelaisConfiguration, logger: Logger) async throws -> DaemonBackend {
        guard let url = configuration.storeURL else {
            let store = try RelaisStore(path: configuration.storePath, syncEveryCommit: false)
            let lock = try DaemonLock(databasePath: configuration.storePath)
            let monitor = try ChangeMonitor(store: store)
            return DaemonBackend(store: store, changes: monitor, heartbeat: monitor, services: [], lock: lock)
        }
        let deployment = try await PostgresDeployment.open(
            url: url, passwordFile: configuration.storePasswordFile, logger: logger)
        return DaemonBackend(
            store: deployment.store, changes: deployment.listener, heartbeat: deployment.store, services: deployment.services,
            lock: nil)
    }

    /// Runs `body` while the backend's services run, started before it and cancelled after it.
    func whileRunning<Result: Sendable>(_ body: @Sendable () async -> Result) async -> Result {
        guard !services.isEmpty else { return await body() }
        return await withTaskGroup(of: Void.self) { group in
            for service in services { group.addTask { try? await service.run() } }
            let result = await body()
            group.cancelAll()
            return result
        }
    }
}

import Foundation
import Logging
import PostgresStore
import Relais
import Store

/// The store a relaisctl command works on, for the command's life: the SQLite file of
/// `store.path`, or the PostgreSQL database of `store.url` when it is set.
///
/// Every command that works on the store opens it with ``GlobalOptions/withSession(_:)``, on
/// either backend; only `store copy` opens the SQLite file of `store.path` itself, on purpose.
///
/// The store's calls block their thread (PostgreSQL's wait for a task of their own on Swift's
/// cooperative pool), so commands make them through ``run(_:)``, on a thread the session owns.
struct StoreSession: Sendable {
    /// The configuration that was loaded.
    let configuration: RelaisConfiguration
    /// The store it names, opened and migrated.
    let store: any OperatorStore
    /// The one thread the store's calls run on.
    private let executor: BlockingExecutor

    /// Validates members against `sender.locales`.
    var memberValidator: MemberValidator { MemberValidator(locales: configuration.sender.locales) }

    /// Runs `work` with the store on the session's thread, off Swift's cooperative pool.
    func run<T: Sendable>(_ work: @escaping @Sendable (any OperatorStore) throws -> T) async throws -> T {
        let store = store
        return try await executor.run { try work(store) }
    }

    /// Loads the configuration (from `configPath`, `$RELAIS_CONFIG` or the default), opens its
    /// store and runs `body` with it; a PostgreSQL pool runs for as long as `body` does, and is
    /// closed after. Errors are ``SysexitsError``s naming the setting at fault, never the password.
    static func with<Value>(configPath: String?, _ body: (StoreSession) async throws -> Value) async throws -> Value {
        let path = ConfigurationLoader.resolvePath(explicit: configPath)
        let configuration = try await ConfigurationLoader.load(path: path)
        let executor = BlockingExecutor(threads: 1, name: "relaisctl.store")
        defer { executor.shutdown() }
        guard let url = configuration.storeURL else {
            let store = try RelaisStore(path: configuration.storePath)
            return try await body(StoreSession(configuration: configuration, store: store, executor: executor))
        }
        let logger = Logger(label: "relais.store") { _ in SwiftLogNoOpLogHandler() }
        // Its errors are one line naming store.url, with their sysexits code (PostgresStoreError+Sysexits).
        let deployment = try await PostgresDeployment.open(url: url, passwordFile: configuration.storePasswordFile, logger: logger)
        let running = Task { await deployment.runPool() }
        let session = StoreSession(
            configuration: configuration, store: deployment.store, executor: executor)
        do {
            let result = try await body(session)
            running.cancel()
            await running.value
            return result
        } catch {
            running.cancel()
            await running.value
            throw error
        }
    }
}

extension GlobalOptions {
    /// Opens the store the configuration names, SQLite or PostgreSQL, for `body`'s life.
    func withSession<Value>(_ body: (StoreSession) async throws -> Value) async throws -> Value {
        try await StoreSession.with(configPath: config, body)
    }
}

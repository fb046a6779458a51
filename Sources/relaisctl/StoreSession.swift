import Foundation
import Logging
import PostgresNIO
import PostgresStore
import Relais
import Store

/// The store a relaisctl command works on, for the command's life: the SQLite file of
/// `store.path`, or the PostgreSQL database of `store.url` when it is set.
///
/// The commands that work on both backends open it with ``GlobalOptions/withSession(_:)``; the
/// others keep ``RelaisContext``, which refuses when `store.url` is set.
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
        let connector: PostgresConnector
        do {
            connector = try PostgresConnector(url: url, passwordFile: configuration.storePasswordFile)
            _ = try await connector.withConnection(logger: logger) { connection in
                do throws(PostgresStoreError) {
                    return try await PostgresMigrator().migrate(connection, logger: logger)
                } catch {
                    throw PostgresStoreError(error.kind, key: PostgresLocation.key, "\(connector.location): \(error.message)")
                }
            }
        } catch let error as PostgresStoreError {
            throw StoreOpenError(error)
        }
        let client = PostgresClient(configuration: connector.clientConfiguration, backgroundLogger: logger)
        let running = Task { await client.run() }
        let session = StoreSession(
            configuration: configuration, store: PostgresRelaisStore(client: client, logger: logger), executor: executor)
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

/// The PostgreSQL store could not be opened: one line naming `store.url` (or
/// `store.password_file`), with the sysexits code of its kind.
struct StoreOpenError: SysexitsError {
    /// What PostgresStore said.
    let error: PostgresStoreError

    init(_ error: PostgresStoreError) {
        self.error = error
    }

    var description: String { error.description }

    /// 78 a setting or TLS, 69 the server unreachable, 77 the login refused, 65 a migration or
    /// a newer schema, 75 anything else.
    var exitCode: Int32 {
        switch error.kind {
        case .configuration, .tls: Sysexits.config
        case .unavailable: Sysexits.unavailable
        case .authentication: Sysexits.noPermission
        case .migration, .schemaTooNew: Sysexits.dataError
        default: Sysexits.tempFail
        }
    }
}

extension GlobalOptions {
    /// Opens the store the configuration names, SQLite or PostgreSQL, for `body`'s life.
    func withSession<Value>(_ body: (StoreSession) async throws -> Value) async throws -> Value {
        try await StoreSession.with(configPath: config, body)
    }
}

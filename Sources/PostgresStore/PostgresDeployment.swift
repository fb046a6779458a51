import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle

/// The PostgreSQL store as relaisd runs it: the store, its change listener, and the services
/// that must run while they are used.
///
/// ``open(url:passwordFile:logger:environment:)`` does, once, at start-up: parse `store.url`,
/// find the password, connect, bring the schema up to date (refusing a newer one), then build
/// the pool, the store and the listener without connecting them. The pool and the listener only
/// work while ``services`` run: put them first in the daemon's `ServiceGroup`, so they start
/// before the services that use the store and stop after them.
public struct PostgresDeployment: Sendable {
    /// The store, over ``client``.
    public let store: PostgresRelaisStore
    /// The queue's change signal, listening on its own connection.
    public let listener: PostgresChangeListener
    /// The connection pool the store's calls run on.
    public let client: PostgresClient
    /// How the server was reached (the URL without its password, the password's source).
    public let connector: PostgresConnector

    /// What must run while the store is used, in start order: the pool, then the listener.
    public var services: [any Service] { [client, listener] }

    /// Runs the connection pool alone until cancelled (relaisctl, which needs no listener).
    public func runPool() async {
        await client.run()
    }

    /// Opens the PostgreSQL store of `url` (`store.url`) with the password of `passwordFile`
    /// (`store.password_file`; else the systemd credential `store-password` of `environment`, else
    /// the URL's): connects once to apply the migrations this program knows, under the migrator's
    /// lock, then makes the pool, the store and the listener.
    ///
    /// Every failure is one line naming `store.url` (or `store.password_file`), never the
    /// password, of the ``PostgresStoreError/Kind`` that decides the exit code: a wrong URL or
    /// password file is `configuration`, a server that does not answer `unavailable`, a refused
    /// login `authentication`, a failed migration `migration`, a newer schema `schemaTooNew`.
    public static func open(
        url: String, passwordFile: String?, logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(PostgresStoreError) -> PostgresDeployment {
        let connector = try PostgresConnector(url: url, passwordFile: passwordFile, environment: environment)
        let connection = try await connector.connect(logger: logger)
        do {
            try await PostgresMigrator().migrate(connection, logger: logger)
        } catch {
            try? await connection.close()
            throw PostgresStoreError(error.kind, key: PostgresLocation.key, "\(connector.location): \(error.message)")
        }
        try? await connection.close()
        let client = PostgresClient(configuration: connector.clientConfiguration, backgroundLogger: logger)
        return PostgresDeployment(
            store: PostgresRelaisStore(client: client, location: connector.location, logger: logger),
            listener: PostgresChangeListener(connector: connector, logger: logger),
            client: client, connector: connector)
    }
}

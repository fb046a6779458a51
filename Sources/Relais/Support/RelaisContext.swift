import Foundation
import Store

/// What every command needs: the configuration and the opened store.
public struct RelaisContext: Sendable {
    /// The configuration that was loaded.
    public let configuration: RelaisConfiguration
    /// The database it names, opened and migrated.
    public let store: RelaisStore

    /// Loads the configuration (from `--config`, `$RELAIS_CONFIG` or the default) and opens the
    /// SQLite store. Errors are ``SysexitsError``s: ``ConfigurationError`` or ``StoreError``.
    ///
    /// When `store.url` names a PostgreSQL store, the commands that open their store here (those
    /// not yet ported to PostgreSQL: the bounce commands) refuse, saying which work there
    /// (``postgresCommands``), rather than quietly change a `store.path` file the daemons no
    /// longer read; `sqliteEvenWithURL` lets a command that reads `store.path` on purpose
    /// (`store copy`) open it anyway.
    public static func open(configPath: String?, sqliteEvenWithURL: Bool = false) async throws -> RelaisContext {
        let path = ConfigurationLoader.resolvePath(explicit: configPath)
        let configuration = try await ConfigurationLoader.load(path: path)
        if configuration.storeURL != nil, !sqliteEvenWithURL {
            throw InputError(
                "store.url: this command works on the SQLite store (store.path) only in this version; on PostgreSQL, relaisctl runs \(postgresCommands)",
                exitCode: Sysexits.config)
        }
        let store = try RelaisStore(path: configuration.storePath)
        return RelaisContext(configuration: configuration, store: store)
    }

    /// The relaisctl commands that work on PostgreSQL as on SQLite, as the refusal names them.
    public static let postgresCommands = "every command but bounce fetch, import and list"

    /// Validates members against `sender.locales`.
    public var memberValidator: MemberValidator { MemberValidator(locales: configuration.sender.locales) }
}

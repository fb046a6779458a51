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
    /// When `store.url` names a PostgreSQL store, the commands that manage members, lists,
    /// events and announcements refuse (they work on SQLite only in this version) rather than
    /// quietly change a `store.path` file the daemons no longer read; `sqliteOnly` lets a command
    /// that reads `store.path` on purpose (`store copy`) open it anyway (`sqliteEvenWithURL`).
    public static func open(configPath: String?, sqliteEvenWithURL: Bool = false) async throws -> RelaisContext {
        let path = ConfigurationLoader.resolvePath(explicit: configPath)
        let configuration = try await ConfigurationLoader.load(path: path)
        if configuration.storeURL != nil, !sqliteEvenWithURL {
            throw InputError(
                "store.url: this command works on the SQLite store (store.path) only in this version; on PostgreSQL, use relaisctl status, or manage members and announcements on SQLite and move them with relaisctl store copy",
                exitCode: Sysexits.config)
        }
        let store = try RelaisStore(path: configuration.storePath)
        return RelaisContext(configuration: configuration, store: store)
    }

    /// Validates members against `sender.locales`.
    public var memberValidator: MemberValidator { MemberValidator(locales: configuration.sender.locales) }
}

import Foundation
import Store

/// What every command needs: the configuration and the opened store.
public struct RelaisContext: Sendable {
    /// The configuration that was loaded.
    public let configuration: RelaisConfiguration
    /// The database it names, opened and migrated.
    public let store: RelaisStore

    /// Loads the configuration (from `--config`, `$RELAIS_CONFIG` or the default) and opens the store.
    /// Errors are ``SysexitsError``s: ``ConfigurationError`` or ``StoreError``.
    public static func open(configPath: String?) async throws -> RelaisContext {
        let path = ConfigurationLoader.resolvePath(explicit: configPath)
        let configuration = try await ConfigurationLoader.load(path: path)
        let store = try RelaisStore(path: configuration.storePath)
        return RelaisContext(configuration: configuration, store: store)
    }

    /// Validates members against `sender.locales`.
    public var memberValidator: MemberValidator { MemberValidator(locales: configuration.sender.locales) }
}

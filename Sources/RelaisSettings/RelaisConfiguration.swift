import RelaisSupport
import Foundation

/// Everything `relaisd` and `relaisctl` read from `relais.yaml` and `RELAIS_*` variables.
///
/// Built by ``ConfigurationLoader``; immutable once built. The SMTP password is not part of
/// it: it is read from its file when a connection is opened (``SMTPSettings/readPassword()``),
/// so it cannot be printed with the configuration.
public struct RelaisConfiguration: Sendable {
    /// The configuration file this was read from.
    public var path: String
    /// The SQLite database file (`store.path`).
    public var storePath: String
    /// The PostgreSQL database (`store.url`, `postgres://…`); when set, it is the store and
    /// `store.path` is not used. May hold a password: never print it, print the store's `location`.
    public var storeURL: String? = nil
    /// The file holding the PostgreSQL password (`store.password_file`), if any.
    public var storePasswordFile: String? = nil
    /// The folder of message templates (`templates.directory`).
    public var templatesDirectory: String
    /// Who messages come from and which languages members read.
    public var sender: SenderSettings
    /// How messages leave and how they are retried.
    public var delivery: DeliverySettings
    /// How late a reminder that fell due while the daemon was down may still go out.
    public var lateness: ConfigDuration
    /// The zone local times are read and shown in (`schedule.timezone`); nil: the system's zone.
    public var timeZone: TimeZone? = nil
    /// The swift-log level name (`log.level`): `info`, `debug`…
    public var logLevel: String
    /// The members' web endpoint (`web.*`).
    public var web = WebSettings()
    /// The bounce mailbox (`bounces.*`).
    public var bounces = BounceSettings()
    /// Which store this configuration names, to notice a change at reload (`store.url` or
    /// `store.path`); holds the URL's password: compare it, never print it.
    public var storeIdentity: String { storeURL ?? storePath }
    /// Deprecated keys in use, one line each naming the key that replaced it.
    public var notices: [String] = []
}

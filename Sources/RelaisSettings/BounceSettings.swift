import Bounces
import Foundation

/// The bounce mailbox (`bounces.*`): where DSNs, complaints and mailto unsubscribes are read
/// over IMAP, how often, and when soft bounces make an address bounced. The password is not
/// part of it: it is read from its file when a session opens (``readPassword()``).
public struct BounceSettings: Sendable {
    /// The systemd credential holding the IMAP password.
    public static let credential = "imap-password"

    /// The mailbox URL (`bounces.imap.url`); nil: no intake.
    public var url: String?
    /// STARTTLS policy for `imap://` URLs.
    public var tls: IMAPConfiguration.TLSPolicy = .required
    /// A PEM file of trusted CAs, instead of the system store.
    public var caFile: String?
    /// The login name (`bounces.imap.user`).
    public var user: String?
    /// The file holding the password (never the password itself).
    public var passwordFile: String?
    /// The folder processed mail is moved to (`bounces.imap.processed_folder`, created when
    /// missing); nil: it stays in the mailbox, flagged.
    public var processedFolder: String?
    /// How often relaisd reads the mailbox.
    public var interval = ConfigDuration(seconds: 300)
    /// Soft bounces within ``softWindow`` that make the address bounced.
    public var softLimit = 3
    /// The window soft bounces are counted in.
    public var softWindow = ConfigDuration(seconds: 15 * 86_400)
    /// `$CREDENTIALS_DIRECTORY`, captured when the configuration was read.
    public var credentialsDirectory: String?

    /// Settings; see the properties.
    public init() {}

    /// True when `bounces.imap.url` is set.
    public var isEnabled: Bool { url != nil }

    /// Where the password comes from: `password_file`, else the systemd credential.
    public var passwordSource: String? {
        if let passwordFile { return passwordFile }
        if let credentialsDirectory { return credentialsDirectory + "/" + Self.credential }
        return nil
    }

    /// The key that names the password's file, for messages.
    var passwordKey: String { passwordFile != nil ? "bounces.imap.password_file" : "CREDENTIALS_DIRECTORY" }

    /// Reads the password (without a trailing newline). The error names the file, never its content.
    public func readPassword() throws(ConfigurationProblem) -> String {
        guard let source = passwordSource else {
            throw ConfigurationProblem(
                key: "bounces.imap.password_file", value: nil, expected: "a password file, or the systemd credential \(Self.credential)")
        }
        guard let data = FileManager.default.contents(atPath: source), var password = String(data: data, encoding: .utf8) else {
            throw ConfigurationProblem(key: passwordKey, value: source, expected: "a readable UTF-8 file holding the IMAP password")
        }
        while password.hasSuffix("\n") || password.hasSuffix("\r") { password.removeLast() }
        guard !password.isEmpty else {
            throw ConfigurationProblem(key: passwordKey, value: source, expected: "a file holding the IMAP password (it is empty)")
        }
        return password
    }

    /// The client configuration, password read; nil when intake is off.
    public func imapConfiguration() throws(ConfigurationProblem) -> IMAPConfiguration? {
        guard let url, let parsed = URL(string: url), let user else { return nil }
        return IMAPConfiguration(url: parsed, tls: tls, caFile: caFile, username: user, password: try readPassword(), timeout: 120)
    }
}

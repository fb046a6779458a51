import RelaisSupport
import Foundation

/// The relay and its limits.
public struct SMTPSettings: Sendable {
    /// STARTTLS policy for `smtp://` URLs.
    public enum TLSPolicy: String, Sendable, CaseIterable {
        /// STARTTLS or no delivery.
        case required
        /// STARTTLS when the server offers it.
        case opportunistic
        /// Plain text (local relays only).
        case none
    }

    /// `smtp://host:port` or `smtps://host:port`.
    public var url: String
    /// STARTTLS policy for `smtp://` URLs.
    public var tls: TLSPolicy
    /// A PEM file of trusted CAs, instead of the system store.
    public var caFile: String?
    /// The AUTH user name; nil sends without authentication.
    public var username: String?
    /// The file holding the password (never the password itself).
    public var passwordFile: String?
    /// The name given in EHLO, when not the host name.
    public var helo: String?
    /// Connections kept open in parallel, each owned by one worker.
    public var connections: Int
    /// Messages sent on a connection before it is reopened.
    public var messagesPerConnection: Int
    /// Messages per second; 0 means unlimited.
    public var rate: Double
    /// Messages per hour; 0 means unlimited.
    public var perHour: Int
    /// Messages per day; 0 means unlimited.
    public var perDay: Int
    /// How long one SMTP exchange may take.
    public var timeout: ConfigDuration
    /// First pause of the transport when the relay asks to slow down or is at fault; doubles each time.
    public var pause: ConfigDuration = ConfigDuration(seconds: 30)
    /// Longest such pause.
    public var pauseMax: ConfigDuration = ConfigDuration(seconds: 900)
    /// Identical permanent replies to this many different recipients in a row mean the relay is at fault.
    public var relayWideAfter: Int = 5
    /// `$CREDENTIALS_DIRECTORY`, captured when the configuration was read.
    public var credentialsDirectory: String?

    /// Where the password comes from: `password_file`, else the systemd credential; nil when neither is set.
    public var passwordSource: String? {
        if let passwordFile { return passwordFile }
        if let credentialsDirectory { return credentialsDirectory + "/smtp-password" }
        return nil
    }

    /// Reads the password (without a trailing newline; nil when the file is empty). The error names the file, never its content.
    public func readPassword() throws(ConfigurationProblem) -> String? {
        guard username != nil, let source = passwordSource else { return nil }
        guard let data = FileManager.default.contents(atPath: source) else {
            throw ConfigurationProblem(key: "delivery.smtp.password_file", value: source, expected: "a readable file holding the SMTP password")
        }
        guard var password = String(data: data, encoding: .utf8) else {
            throw ConfigurationProblem(key: "delivery.smtp.password_file", value: source, expected: "a UTF-8 text file")
        }
        while password.hasSuffix("\n") || password.hasSuffix("\r") { password.removeLast() }
        // An empty file (as `make install` creates for LoadCredential=) means "no password".
        return password.isEmpty ? nil : password
    }
}

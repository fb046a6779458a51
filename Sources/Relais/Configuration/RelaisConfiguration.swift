import Foundation
import MIME

/// Everything `relaisd` and `relaisctl` read from `relais.yaml` and `RELAIS_*` variables.
///
/// Built by ``ConfigurationLoader``; immutable once built. The SMTP password is not part of
/// it: it is read from its file when a connection is opened (``SMTPSettings/readPassword()``),
/// so it cannot be printed with the configuration.
public struct RelaisConfiguration: Sendable {
    /// The configuration file this was read from.
    public var path: String
    public var storePath: String
    public var templatesDirectory: String
    public var sender: SenderSettings
    public var delivery: DeliverySettings
    /// How late a reminder that fell due while the daemon was down may still go out.
    public var lateness: ConfigDuration
    public var logLevel: String
}

/// Who messages come from and which languages members read.
public struct SenderSettings: Sendable {
    /// The display name of the From: mailbox, if any.
    public var fromName: String?
    public var fromAddress: EmailAddress
    public var replyTo: EmailAddress?
    public var organization: String
    public var defaultLocale: String
    public var locales: [String]
    /// Contains `{token}`; nil disables List-Unsubscribe.
    public var unsubscribeURL: String?
}

/// How messages leave: files or an SMTP relay, and the retry policy.
public struct DeliverySettings: Sendable {
    /// The two transports.
    public enum Transport: String, Sendable, CaseIterable {
        case file
        case smtp
    }

    public var transport: Transport
    public var fileDirectory: String
    public var smtp: SMTPSettings
    public var retryFirst: ConfigDuration
    public var retryMaxDelay: ConfigDuration
    public var retryMaxAge: ConfigDuration
}

/// The relay and its limits.
public struct SMTPSettings: Sendable {
    /// STARTTLS policy for `smtp://` URLs.
    public enum TLSPolicy: String, Sendable, CaseIterable {
        case required
        case opportunistic
        case none
    }

    public var url: String
    public var tls: TLSPolicy
    public var caFile: String?
    public var username: String?
    public var passwordFile: String?
    public var helo: String?
    public var connections: Int
    public var messagesPerConnection: Int
    /// Messages per second; 0 means unlimited.
    public var rate: Double
    public var perHour: Int
    public var perDay: Int
    public var timeout: ConfigDuration
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

extension ConfigurationProblem: Error {}

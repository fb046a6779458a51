import RelaisSettings
import RelaisSupport
import Foundation
import SMTP

extension SMTPTransport {
    /// The SMTP library's configuration for `delivery.smtp.*`, with the password read from its file.
    /// Errors are ``ConfigurationError``s naming the key; they never contain the password.
    public static func smtpConfiguration(_ configuration: RelaisConfiguration) throws(ConfigurationError) -> SMTPConfiguration {
        let settings = configuration.delivery.smtp
        func problem(_ key: String, _ value: String?, _ expected: String) -> ConfigurationError {
            ConfigurationError(path: configuration.path, problems: [ConfigurationProblem(key: key, value: value, expected: expected)])
        }
        guard let url = URL(string: settings.url) else {
            throw problem("delivery.smtp.url", settings.url, "smtp://host:port or smtps://host:port")
        }
        let password: String?
        do {
            password = try settings.readPassword()
        } catch {
            throw ConfigurationError(path: configuration.path, problems: [error])
        }
        if settings.username != nil && (password ?? "").isEmpty {
            throw problem(
                "delivery.smtp.password_file", settings.passwordSource,
                "a file holding the SMTP password (password_file, or the systemd credential smtp-password) because delivery.smtp.username is set")
        }
        let timeout = settings.timeout.timeInterval
        let smtp = SMTPConfiguration(
            url: url, tls: tlsPolicy(settings.tls), caFile: settings.caFile, username: settings.username,
            password: password, helo: settings.helo, connectTimeout: min(30, timeout), timeout: timeout,
            messagesPerConnection: settings.messagesPerConnection)
        do {
            _ = try smtp.validatedCurlURL()
        } catch {
            throw configurationError(error, path: configuration.path)
        }
        return smtp
    }

    /// The library's STARTTLS policy for `delivery.smtp.tls`.
    static func tlsPolicy(_ policy: SMTPSettings.TLSPolicy) -> SMTPConfiguration.TLSPolicy {
        switch policy {
        case .required: .required
        case .opportunistic: .opportunistic
        case .none: .none
        }
    }

    /// An SMTP library error as a configuration error on the matching `delivery.smtp.*` key.
    static func configurationError(_ error: SMTPConfigurationError, path: String) -> ConfigurationError {
        let keys = [
            "url": "delivery.smtp.url", "helo": "delivery.smtp.helo", "caFile": "delivery.smtp.ca_file",
            "timeout": "delivery.smtp.timeout", "messagesPerConnection": "delivery.smtp.messages_per_connection",
            "username": "delivery.smtp.username", "connections": "delivery.smtp.connections",
        ]
        let key = keys[error.key] ?? "delivery.smtp.\(error.key)"
        return ConfigurationError(path: path, problems: [ConfigurationProblem(key: key, value: nil, expected: "a working value (\(error.problem))")])
    }
}

import Foundation
import MIME
import Templates

extension ConfigValueReader {
    /// Reads every key; nil when any problem was recorded.
    mutating func build(path: String, credentialsDirectory: String?) -> RelaisConfiguration? {
        let storePath = self.path("store.path")
        let templatesDirectory = self.path("templates.directory")
        let sender = buildSender()
        let transport = choice("delivery.transport", DeliverySettings.Transport.self)
        let fileDirectory = self.path("delivery.file.directory")
        let smtp = buildSMTP(credentialsDirectory: credentialsDirectory)
        let retryFirst = duration("delivery.retry.first")
        let retryMaxDelay = duration("delivery.retry.max_delay")
        let retryMaxAge = duration("delivery.retry.max_age")
        if retryFirst.seconds == 0 { problem("delivery.retry.first", retryFirst.description, "a duration longer than 0s") }
        if retryMaxDelay < retryFirst {
            problem("delivery.retry.max_delay", retryMaxDelay.description, "a duration at least delivery.retry.first (\(retryFirst))")
        }
        let unknownPolicy = choice("delivery.retry.unknown", DeliverySettings.UnknownPolicy.self)
        let unknownDelay = duration("delivery.retry.unknown_delay")
        let lateness = duration("schedule.lateness")
        let logLevel = raw("log.level") ?? "info"
        if !["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) {
            problem("log.level", logLevel, "one of trace, debug, info, notice, warning, error, critical")
        }
        guard problems.isEmpty, let sender, let transport, let smtp, let unknownPolicy else { return nil }
        return RelaisConfiguration(
            path: path, storePath: storePath, templatesDirectory: templatesDirectory, sender: sender,
            delivery: DeliverySettings(
                transport: transport, fileDirectory: fileDirectory, smtp: smtp,
                retryFirst: retryFirst, retryMaxDelay: retryMaxDelay, retryMaxAge: retryMaxAge,
                unknownPolicy: unknownPolicy, unknownDelay: unknownDelay),
            lateness: lateness, logLevel: logLevel)
    }

    private mutating func buildSender() -> SenderSettings? {
        var fromName: String?
        var fromAddress: EmailAddress?
        if let from = text("sender.from", required: true) {
            let (name, address) = Self.splitMailbox(from)
            do { fromAddress = try EmailAddress(address) } catch { problem("sender.from", from, "a mailbox such as `Name <address@example.org>` (\(error.reason))") }
            fromName = name
        }
        var replyTo: EmailAddress?
        if let value = text("sender.reply_to", required: false) {
            do { replyTo = try EmailAddress(Self.splitMailbox(value).address) } catch { problem("sender.reply_to", value, "an email address (\(error.reason))") }
        }
        let organization = text("sender.organization", required: true)
        var locales = reader.stringArray(forKey: "sender.locales") ?? ["fr", "en", "es", "de"]
        locales = locales.map { $0.trimmingCharacters(in: .whitespaces) }
        for locale in locales where LocaleTag(locale) == nil {
            problem("sender.locales", locale, "language codes such as fr, en, es, de or regional tags such as fr-BE")
        }
        if locales.isEmpty { problem("sender.locales", "[]", "at least one locale") }
        let defaultLocale = raw("sender.default_locale") ?? "en"
        if !locales.contains(defaultLocale) {
            problem("sender.default_locale", defaultLocale, "one of sender.locales (\(locales.joined(separator: ", ")))")
        }
        var unsubscribeURL: String?
        if let value = text("sender.unsubscribe_url", required: false) {
            let scheme = URL(string: value.replacingOccurrences(of: "{token}", with: "t"))?.scheme?.lowercased()
            if !value.contains("{token}") {
                problem("sender.unsubscribe_url", value, "a URL containing {token}, such as https://example.org/unsubscribe/{token}")
            } else if scheme != "https" && scheme != "http" {
                problem("sender.unsubscribe_url", value, "an https:// (or http://) URL")
            } else {
                unsubscribeURL = value
            }
        }
        let wording = raw("sender.wording") ?? "neutral"
        if !SenderSettings.wordings.contains(wording) {
            problem("sender.wording", wording, SenderSettings.wordings.joined(separator: " or "))
        }
        guard let fromAddress, let organization else { return nil }
        return SenderSettings(
            fromName: fromName, fromAddress: fromAddress, replyTo: replyTo, organization: organization,
            defaultLocale: defaultLocale, locales: locales, unsubscribeURL: unsubscribeURL, wording: wording)
    }

    private mutating func buildSMTP(credentialsDirectory: String?) -> SMTPSettings? {
        let url = raw("delivery.smtp.url") ?? ""
        if let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme),
           let host = parsed.host, !host.isEmpty {
            // fine
        } else {
            problem("delivery.smtp.url", url, "smtp://host:port or smtps://host:port")
        }
        let tls = choice("delivery.smtp.tls", SMTPSettings.TLSPolicy.self)
        let helo = text("delivery.smtp.helo", required: false)
        if let helo, helo.contains(where: { $0 == " " || $0 == "/" }) {
            problem("delivery.smtp.helo", helo, "a host name")
        }
        let connections = integer("delivery.smtp.connections", minimum: 1)
        let perConnection = integer("delivery.smtp.messages_per_connection", minimum: 1)
        let rateText = raw("delivery.smtp.rate") ?? "0"
        let rate = Double(rateText) ?? -1
        if rate < 0 || !rate.isFinite { problem("delivery.smtp.rate", rateText, "messages per second, a number ≥ 0 (0 = unlimited)") }
        let perHour = integer("delivery.smtp.per_hour", minimum: 0)
        let perDay = integer("delivery.smtp.per_day", minimum: 0)
        let timeout = duration("delivery.smtp.timeout")
        if timeout.seconds == 0 { problem("delivery.smtp.timeout", timeout.description, "a duration longer than 0s") }
        let pause = duration("delivery.smtp.pause")
        if pause.seconds == 0 { problem("delivery.smtp.pause", pause.description, "a duration longer than 0s") }
        let pauseMax = duration("delivery.smtp.pause_max")
        if pauseMax < pause { problem("delivery.smtp.pause_max", pauseMax.description, "a duration at least delivery.smtp.pause (\(pause))") }
        let relayWideAfter = integer("delivery.smtp.relay_wide_after", minimum: 2)
        guard let tls else { return nil }
        var settings = SMTPSettings(
            url: url, tls: tls, caFile: optionalPath("delivery.smtp.ca_file"), username: text("delivery.smtp.username", required: false),
            passwordFile: optionalPath("delivery.smtp.password_file"), helo: helo, connections: connections,
            messagesPerConnection: perConnection, rate: max(rate, 0), perHour: perHour, perDay: perDay, timeout: timeout,
            credentialsDirectory: credentialsDirectory)
        settings.pause = pause
        settings.pauseMax = pauseMax
        settings.relayWideAfter = relayWideAfter
        return settings
    }

    /// `Name <address>` → (Name, address); `address` → (nil, address). Quotes around the name are removed.
    static func splitMailbox(_ text: String) -> (name: String?, address: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else { return (nil, trimmed) }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        return (name.isEmpty ? nil : name, address)
    }
}

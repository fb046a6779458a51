import RelaisSupport
import Foundation
import MIME
import Recurrence
import Templates

extension ConfigValueReader {
    /// Reads every key; nil when any problem was recorded.
    mutating func build(path: String, credentialsDirectory: String?) -> RelaisConfiguration? {
        let storePath = self.path("store.path")
        // Checked where it is used (PostgresLocation), whose errors never show the password.
        let storeURL = raw("store.url")
        let storePasswordFile = optionalPath("store.password_file")
        let templatesDirectory = self.path("templates.directory")
        var sender = buildSender()
        let fromDomain = sender?.fromAddress.domain
        let dkim = buildDKIM(fromDomain: fromDomain, credentialsDirectory: credentialsDirectory)
        sender?.dkim = dkim
        let returnPath = buildReturnPath()
        let transport = choice("delivery.transport", DeliverySettings.Transport.self)
        let fileDirectory = self.path("delivery.file.directory")
        let smtp = buildSMTP(credentialsDirectory: credentialsDirectory)
        let retryFirst = positiveDuration("delivery.retry.first")
        let parsedMaxDelay = durationIfValid("delivery.retry.max_delay")
        let retryMaxDelay = parsedMaxDelay ?? retryFirst
        let retryMaxAge = duration("delivery.retry.max_age")
        if parsedMaxDelay != nil, retryMaxDelay < retryFirst {
            problem("delivery.retry.max_delay", retryMaxDelay.description, "a duration at least delivery.retry.first (\(retryFirst))")
        }
        let unknownPolicy = choice("delivery.retry.unknown", DeliverySettings.UnknownPolicy.self)
        let unknownDelay = duration("delivery.retry.unknown_delay")
        let lateness = duration("schedule.lateness")
        var timeZone: TimeZone?
        if let zone = text("schedule.timezone", required: false) {
            do { timeZone = try TimeZoneLookup.zone(named: zone) } catch {
                problem("schedule.timezone", zone, "an IANA time zone such as Europe/Brussels")
            }
        }
        let logLevel = raw("log.level") ?? "info"
        if !["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) {
            problem("log.level", logLevel, "one of trace, debug, info, notice, warning, error, critical")
        }
        let web = buildWeb()
        let bounces = buildBounces(credentialsDirectory: credentialsDirectory)
        let unsubscribeMailto = buildUnsubscribeMailto()
        guard problems.isEmpty, var sender, let transport, let smtp, let unknownPolicy else { return nil }
        sender.webBaseURL = web.baseURL
        sender.unsubscribeMailto = unsubscribeMailto
        var configuration = RelaisConfiguration(
            path: path, storePath: storePath, templatesDirectory: templatesDirectory, sender: sender,
            delivery: DeliverySettings(
                transport: transport, fileDirectory: fileDirectory, smtp: smtp,
                retryFirst: retryFirst, retryMaxDelay: retryMaxDelay, retryMaxAge: retryMaxAge,
                unknownPolicy: unknownPolicy, unknownDelay: unknownDelay, returnPath: returnPath),
            lateness: lateness, timeZone: timeZone, logLevel: logLevel)
        configuration.storeURL = storeURL
        configuration.storePasswordFile = storePasswordFile
        configuration.web = web
        configuration.bounces = bounces
        configuration.notices = notices
        return configuration
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
        for locale in locales {
            if let tag = LocaleTag(locale) {
                if !Self.isKnownLanguage(tag.language) {
                    problem("sender.locales", locale, "a known ISO 639 language code such as fr, en, es, de (\"\(tag.language)\" is not one)")
                }
            } else {
                problem("sender.locales", locale, "language codes such as fr, en, es, de or regional tags such as fr-BE")
            }
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

    private mutating func buildDKIM(fromDomain: String?, credentialsDirectory: String?) -> DKIMSettings? {
        let domain = text("dkim.domain", required: false)
        let selector = text("dkim.selector", required: false)
        let ed25519Selector = text("dkim.ed25519_selector", required: false)
        let keyFile = optionalPath("dkim.private_key_file")
        let ed25519File = optionalPath("dkim.ed25519_key_file")
        guard domain != nil || selector != nil || ed25519Selector != nil || keyFile != nil || ed25519File != nil else { return nil }
        func source(selector: String?, file: String?, fileKey: String, selectorKey: String, credential: String) -> DKIMSettings.KeySource? {
            guard let selector else {
                if file != nil { problem(selectorKey, nil, "a selector, since \(fileKey) is set") }
                return nil
            }
            if selector.isEmpty || !selector.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }) {
                problem(selectorKey, selector, "a DNS label such as relais2026")
                return nil
            }
            if let file { return .init(selector: selector, file: file, key: fileKey) }
            if let credentialsDirectory {
                return .init(selector: selector, file: credentialsDirectory + "/" + credential, key: "CREDENTIALS_DIRECTORY")
            }
            problem(fileKey, nil, "a PEM private key file, or the systemd credential \(credential), since \(selectorKey) is set")
            return nil
        }
        let primary = source(
            selector: selector, file: keyFile, fileKey: "dkim.private_key_file", selectorKey: "dkim.selector", credential: DKIMSettings.credential)
        let ed25519 = source(
            selector: ed25519Selector, file: ed25519File, fileKey: "dkim.ed25519_key_file", selectorKey: "dkim.ed25519_selector",
            credential: DKIMSettings.ed25519Credential)
        guard let domain else {
            problem("dkim.domain", nil, "the signing domain (the domain of sender.from or a parent of it), since a DKIM key is set")
            return nil
        }
        if let fromDomain, !DKIMSettings.isAligned(domain: domain, fromDomain: fromDomain) {
            problem("dkim.domain", domain, "the domain of sender.from (\(fromDomain)) or a parent of it, so DMARC sees the signature aligned")
            return nil
        }
        guard primary != nil || ed25519 != nil else {
            problem("dkim.selector", nil, "a selector (dkim.selector or dkim.ed25519_selector), since dkim.domain is set")
            return nil
        }
        return DKIMSettings(domain: domain, primary: primary, ed25519: ed25519)
    }

    private mutating func buildReturnPath() -> ReturnPath? {
        guard let value = text("delivery.return_path", required: false) else { return nil }
        guard let returnPath = ReturnPath(value) else {
            problem("delivery.return_path", value, "an address with {token} once in its local part, such as bounces+{token}@example.org")
            return nil
        }
        return returnPath
    }

    private mutating func buildSMTP(credentialsDirectory: String?) -> SMTPSettings? {
        let url = raw("delivery.smtp.url") ?? ""
        if let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(), ["smtp", "smtps"].contains(scheme),
           let host = parsed.host, !host.isEmpty {
            let bare = "\(scheme)://\(host)\(parsed.port.map { ":\($0)" } ?? "")"
            if parsed.user != nil || parsed.password != nil {
                // The URL may hold a password: it is shown without its user information.
                problem(
                    "delivery.smtp.url", "\(scheme)://…@\(host)\(parsed.port.map { ":\($0)" } ?? "")",
                    "a URL without user or password (\(bare)); put the user in delivery.smtp.username and the password in delivery.smtp.password_file")
            } else if !parsed.path.isEmpty && parsed.path != "/" {
                problem("delivery.smtp.url", url, "a URL without a path (\(bare)); set the EHLO name with delivery.smtp.helo")
            }
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
        let timeout = positiveDuration("delivery.smtp.timeout")
        let pause = positiveDuration("delivery.smtp.pause")
        let parsedPauseMax = durationIfValid("delivery.smtp.pause_max")
        let pauseMax = parsedPauseMax ?? pause
        if parsedPauseMax != nil, pauseMax < pause { problem("delivery.smtp.pause_max", pauseMax.description, "a duration at least delivery.smtp.pause (\(pause))") }
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

    /// True for an ISO 639 language code Foundation (ICU) knows: `fr`, `de`, `gsw`; false for `xx`.
    static func isKnownLanguage(_ code: String) -> Bool {
        Locale.LanguageCode(code).isISOLanguage
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

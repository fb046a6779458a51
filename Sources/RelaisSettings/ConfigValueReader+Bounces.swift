import Bounces
import Foundation

extension ConfigValueReader {
    /// `bounces.*` and `sender.unsubscribe_mailto`'s pattern.
    mutating func buildBounces(credentialsDirectory: String?) -> BounceSettings {
        var settings = BounceSettings()
        settings.credentialsDirectory = credentialsDirectory
        if let url = text("bounces.imap.url", required: false) {
            let parsed = URL(string: url)
            if let reason = Self.imapURLProblem(parsed) {
                let shown = parsed?.user != nil ? "imap(s)://…@\(parsed?.host ?? "")" : url
                problem("bounces.imap.url", shown, "imaps://host/MAILBOX or imap://host/MAILBOX, without user or password (\(reason))")
            } else {
                settings.url = url
            }
            settings.user = text("bounces.imap.user", required: false)
            if settings.user == nil { problem("bounces.imap.user", nil, "the IMAP login name, since bounces.imap.url is set") }
        }
        settings.tls = choice("bounces.imap.tls", IMAPConfiguration.TLSPolicy.self) ?? .required
        settings.caFile = optionalPath("bounces.imap.ca_file")
        settings.passwordFile = optionalPath("bounces.imap.password_file")
        settings.processedFolder = buildProcessedFolder(mailbox: settings.url.flatMap(URL.init(string:)))
        settings.interval = positiveDuration(currentOrDeprecated("bounces.poll_interval"))
        settings.softLimit = integer("bounces.soft_limit", minimum: 1)
        settings.softWindow = positiveDuration("bounces.soft_window")
        return settings
    }

    /// `bounces.imap.processed_folder`: a plain folder name other than the mailbox read; nil when unset.
    mutating func buildProcessedFolder(mailbox url: URL?) -> String? {
        guard let folder = text("bounces.imap.processed_folder", required: false) else { return nil }
        guard IMAPConfiguration.isPlainFolderName(folder) else {
            problem("bounces.imap.processed_folder", folder, "a folder name of ASCII letters, digits, spaces and / . _ - (such as Relais/Processed)")
            return nil
        }
        if let url, IMAPConfiguration(url: url, username: "u", password: "p").mailbox.caseInsensitiveCompare(folder) == .orderedSame {
            problem("bounces.imap.processed_folder", folder, "a folder other than the mailbox bounces.imap.url reads")
            return nil
        }
        return folder
    }

    /// What is wrong with an IMAP mailbox URL, or nil.
    static func imapURLProblem(_ url: URL?) -> String? {
        guard let url else { return "not a URL" }
        do {
            _ = try IMAPConfiguration(url: url, username: "u", password: "p").validatedCurlURL()
            return nil
        } catch {
            return error.message
        }
    }

    /// `sender.unsubscribe_mailto`: an address with `{token}` in its local part; nil when unset.
    mutating func buildUnsubscribeMailto() -> String? {
        guard let value = text("sender.unsubscribe_mailto", required: false) else { return nil }
        guard AddressPattern(value) != nil, ReturnPath(value) != nil else {
            problem("sender.unsubscribe_mailto", value, "an address with {token} once in its local part, such as unsubscribe+{token}@example.org")
            return nil
        }
        return value
    }
}

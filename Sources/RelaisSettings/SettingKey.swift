/// A configuration key Relais reads: its dotted name, default and meaning.
///
/// This table is the single source for unknown-key detection and for the configuration
/// reference in the README.
public struct SettingKey: Sendable, Hashable {
    /// Dotted name, as in YAML (`delivery.smtp.url`).
    public let name: String
    /// The default, as it would be written in YAML; nil when the key is optional or required without default.
    public let defaultValue: String?
    /// One line of documentation.
    public let meaning: String

    /// The environment variable that overrides it: `RELAIS_DELIVERY_SMTP_URL`.
    public var environmentVariable: String {
        "RELAIS_" + name.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    /// Every key Relais reads.
    public static let all: [SettingKey] = [
        SettingKey(name: "store.path", defaultValue: "/var/lib/relais/relais.sqlite", meaning: "SQLite database file (created 0660 on first use)"),
        SettingKey(name: "store.url", defaultValue: nil, meaning: "PostgreSQL database shared by several relaisd, `postgres://user@host:port/db?sslmode=verify-full` (`require`, `disable`; `sslrootcert=` a CA file); replaces store.path when set (optional)"),
        SettingKey(name: "store.password_file", defaultValue: nil, meaning: "file holding the PostgreSQL password; else $CREDENTIALS_DIRECTORY/store-password, else the URL's"),
        SettingKey(name: "templates.directory", defaultValue: "/usr/local/share/relais/templates", meaning: "folder of templates/<kind>/<locale>.mustache"),
        SettingKey(name: "sender.from", defaultValue: nil, meaning: "From: mailbox, `Name <address>` or `address` (required)"),
        SettingKey(name: "sender.reply_to", defaultValue: nil, meaning: "Reply-To: mailbox (optional)"),
        SettingKey(name: "sender.organization", defaultValue: nil, meaning: "organization name shown in messages (required)"),
        SettingKey(name: "sender.default_locale", defaultValue: "en", meaning: "locale used when a member's language has no template; one of sender.locales"),
        SettingKey(name: "sender.locales", defaultValue: "[fr, en, es, de]", meaning: "languages members may have (regional variants such as fr-BE are accepted)"),
        SettingKey(name: "sender.wording", defaultValue: "neutral", meaning: "greetings and register: `neutral`, or `feminine` (a network of women: \"Chère\", \"Estimada\", \"Liebe\")"),
        SettingKey(name: "sender.unsubscribe_url", defaultValue: nil, meaning: "https URL containing {token}, for a page of your own; web.base_url replaces it (config check warns when it is set without web.base_url: nothing in Relais acts on that link)"),
        SettingKey(name: "sender.unsubscribe_mailto", defaultValue: nil, meaning: "address containing {token}, e.g. unsubscribe+{token}@example.org: adds a mailto: URI to List-Unsubscribe; mail to it (read from bounces.imap.url) leaves that list (optional)"),
        SettingKey(name: "dkim.domain", defaultValue: nil, meaning: "DKIM signing domain d=: the domain of sender.from or a parent of it (optional; no signature without a selector)"),
        SettingKey(name: "dkim.selector", defaultValue: nil, meaning: "selector of the RSA key (`relaisctl dkim keygen` prints its DNS record)"),
        SettingKey(name: "dkim.private_key_file", defaultValue: nil, meaning: "PEM private key of dkim.selector (PKCS#8, or PKCS#1 for RSA); else $CREDENTIALS_DIRECTORY/dkim-key"),
        SettingKey(name: "dkim.ed25519_selector", defaultValue: nil, meaning: "selector of a second, Ed25519 key (RFC 8463): both signatures are added"),
        SettingKey(name: "dkim.ed25519_key_file", defaultValue: nil, meaning: "PEM (PKCS#8) Ed25519 private key; else $CREDENTIALS_DIRECTORY/dkim-ed25519-key"),
        SettingKey(name: "delivery.transport", defaultValue: "file", meaning: "`file` (write .eml files) or `smtp`"),
        SettingKey(name: "delivery.file.directory", defaultValue: "/var/lib/relais/outbox", meaning: "where the file transport writes <message-id>.eml"),
        SettingKey(name: "delivery.smtp.url", defaultValue: "smtp://localhost:587", meaning: "relay: smtp://host:port (STARTTLS per delivery.smtp.tls) or smtps://host:port"),
        SettingKey(name: "delivery.smtp.tls", defaultValue: "required", meaning: "STARTTLS policy for smtp://: required, opportunistic or none"),
        SettingKey(name: "delivery.smtp.ca_file", defaultValue: nil, meaning: "PEM file of CA certificates for a private relay (optional)"),
        SettingKey(name: "delivery.smtp.username", defaultValue: nil, meaning: "AUTH user name (optional; no AUTH without it)"),
        SettingKey(name: "delivery.smtp.password_file", defaultValue: nil, meaning: "file holding the AUTH password; else $CREDENTIALS_DIRECTORY/smtp-password"),
        SettingKey(name: "delivery.smtp.helo", defaultValue: nil, meaning: "EHLO name (default: this host's name)"),
        SettingKey(name: "delivery.smtp.connections", defaultValue: "4", meaning: "persistent connections to the relay"),
        SettingKey(name: "delivery.smtp.messages_per_connection", defaultValue: "100", meaning: "reconnect after this many messages on one connection"),
        SettingKey(name: "delivery.smtp.rate", defaultValue: "0", meaning: "messages per second, 0 = unlimited"),
        SettingKey(name: "delivery.smtp.per_hour", defaultValue: "0", meaning: "messages per rolling hour, 0 = unlimited"),
        SettingKey(name: "delivery.smtp.per_day", defaultValue: "0", meaning: "messages per rolling day, 0 = unlimited"),
        SettingKey(name: "delivery.smtp.timeout", defaultValue: "60s", meaning: "connect and per-message transfer timeout"),
        SettingKey(name: "delivery.smtp.pause", defaultValue: "30s", meaning: "first pause of the whole transport when the relay asks to slow down or refuses the sender (doubles each time)"),
        SettingKey(name: "delivery.smtp.pause_max", defaultValue: "15m", meaning: "longest such pause"),
        SettingKey(name: "delivery.smtp.relay_wide_after", defaultValue: "5", meaning: "the same permanent reply to this many different recipients in a row means the relay, not the recipients: pause and put them back"),
        SettingKey(name: "delivery.return_path", defaultValue: nil, meaning: "VERP envelope sender containing {token}, e.g. bounces+{token}@example.org, so a bounce names its member (default: the From address)"),
        SettingKey(name: "delivery.retry.first", defaultValue: "5m", meaning: "first retry delay after a temporary failure (doubles each time)"),
        SettingKey(name: "delivery.retry.max_delay", defaultValue: "4h", meaning: "longest delay between retries"),
        SettingKey(name: "delivery.retry.max_age", defaultValue: "5d", meaning: "give up (failed) when a message is still deferred this long after its due time"),
        SettingKey(name: "delivery.retry.unknown", defaultValue: "retry", meaning: "a message whose connection was lost before the final reply: `retry` (after unknown_delay, same Message-ID) or `hold` for an operator"),
        SettingKey(name: "delivery.retry.unknown_delay", defaultValue: "1h", meaning: "how long to wait before sending such a message again"),
        SettingKey(name: "schedule.lateness", defaultValue: "6h", meaning: "a reminder that fell due while relaisd was down is still sent this late (never after the occurrence starts)"),
        SettingKey(name: "schedule.timezone", defaultValue: nil, meaning: "IANA zone (Europe/Brussels) that relaisctl reads --at/--start in when --tz is not given, and shows times in (default: the system's zone; --utc shows UTC)"),
        SettingKey(name: "web.listen", defaultValue: nil, meaning: "address:port relaisd answers members' links on, behind the HTTPS reverse proxy (`127.0.0.1:8025`); off when unset"),
        SettingKey(name: "web.base_url", defaultValue: nil, meaning: "public https address links in messages are built from (required with web.listen; http only for a loopback host)"),
        SettingKey(name: "web.body_limit", defaultValue: "16384", meaning: "largest request body accepted, in bytes"),
        SettingKey(name: "web.bad_token_limit", defaultValue: "20", meaning: "links with an unknown token one client may send within web.bad_token_window before it gets 429 (0 = no limit); behind a local reverse proxy the client is the last X-Forwarded-For address"),
        SettingKey(name: "web.bad_token_window", defaultValue: "10m", meaning: "the window bad tokens are counted over; a limited client may try again when its oldest counted one is this old"),
        SettingKey(name: "bounces.imap.url", defaultValue: nil, meaning: "bounce mailbox read by relaisd and `relaisctl bounce fetch`: imaps://host/INBOX (or imap://, STARTTLS per bounces.imap.tls); off when unset"),
        SettingKey(name: "bounces.imap.tls", defaultValue: "required", meaning: "STARTTLS policy for imap://: required, opportunistic or none"),
        SettingKey(name: "bounces.imap.ca_file", defaultValue: nil, meaning: "PEM file of CA certificates for a private IMAP server (optional)"),
        SettingKey(name: "bounces.imap.user", defaultValue: nil, meaning: "IMAP login name (required with bounces.imap.url)"),
        SettingKey(name: "bounces.imap.password_file", defaultValue: nil, meaning: "file holding the IMAP password; else $CREDENTIALS_DIRECTORY/imap-password"),
        SettingKey(name: "bounces.imap.processed_folder", defaultValue: nil, meaning: "folder processed reports are moved to once recorded, e.g. Relais/Processed (created when missing; needs MOVE or UIDPLUS); unset: they stay in the mailbox, flagged as seen and $RelaisProcessed. Mail for people is never moved"),
        SettingKey(name: "bounces.poll_interval", defaultValue: "5m", meaning: "how often relaisd reads the bounce mailbox (formerly bounces.imap.interval, still read)"),
        SettingKey(name: "bounces.soft_limit", defaultValue: "3", meaning: "soft bounces (4.x.x, delayed) within bounces.soft_window that mark an address bounced"),
        SettingKey(name: "bounces.soft_window", defaultValue: "15d", meaning: "the window soft bounces are counted in"),
        SettingKey(name: "log.level", defaultValue: "info", meaning: "trace, debug, info, notice, warning, error or critical"),
    ]

    /// Old names still read, each with the key that replaced it; `config check` names the new one.
    public static let deprecated: [String: String] = [
        "bounces.imap.interval": "bounces.poll_interval",
    ]

    /// Looks a key up by its dotted name.
    public static func named(_ name: String) -> SettingKey? { all.first { $0.name == name } }
}

import Foundation
import RelaisTestSupport
import Testing

/// An installation that reads a Dovecot bounce mailbox every second, with two members on the
/// list `news` who have each been sent one message through the harness's SMTP server: the
/// tokens of their return paths are known, so a test can deliver a DSN for either of them.
struct BounceMailboxInstallation {
    /// The domain of the return paths (`bounces+{token}@…`) and Message-IDs.
    static let domain = "mompreneurs.example"

    let harness: DaemonHarness
    /// The `bounces:` section of its relais.yaml, as written.
    let bounces: String
    /// Each member's return-path token, by address.
    let tokens: [String: String]

    /// Writes the installation for `imap`, adds `member0…1@example.org`, announces to them and
    /// sends with `relaisd --once`.
    init(imap: DovecotServer) throws {
        bounces = """
            bounces:
              imap:
                url: \(imap.url)
                tls: none
                user: \(imap.user)
                password_file: imap-password
              poll_interval: 1s
            """
        // 1s is the shortest interval config check accepts (a duration longer than 0s).
        harness = try DaemonHarness(deliveryExtra: ["return_path: \"bounces+{token}@\(Self.domain)\""], extraYAML: bounces)
        harness.sandbox.directory.write("imap-password", imap.password + "\n")
        chmod(harness.sandbox.directory.file("imap-password"), 0o600)
        try harness.addMembers(2, list: "news")
        #expect(try harness.announce(list: "news") == 2)
        let once = try harness.runOnce()
        try #require(once.status == 0, "relaisd --once: \(once.stderr)")
        var tokens: [String: String] = [:]
        for record in try harness.server.records() {
            let recipient = try #require(record.rcpt_tos.first)
            tokens[recipient] = try #require(record.mail_from.split(separator: "+").last?.split(separator: "@").first.map(String.init))
        }
        self.tokens = tokens
    }

    /// A DSN saying the message sent to `member` bounced for good.
    func dsn(_ member: String) -> [UInt8] {
        BounceFixtures.dsn(
            returnPath: "bounces+\(tokens[member]!)@\(Self.domain)", recipient: member,
            originalMessageId: "<\(tokens[member]!).relais@\(Self.domain)>")
    }
}

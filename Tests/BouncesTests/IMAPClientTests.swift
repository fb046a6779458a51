import Bounces
import Foundation
import Logging
import RelaisTestSupport
import Testing

/// The IMAP client against a real Dovecot: search, fetch without touching `\Seen`, flag.
@Suite(.blocking, .serialized, .enabled(if: DovecotServer.isInstalled, "dovecot-imapd is not installed (scripts/install-deps.sh test)"))
struct IMAPClientTests {
    func client(_ server: DovecotServer, password: String? = nil) throws -> IMAPClient {
        try IMAPClient(
            configuration: IMAPConfiguration(
                url: URL(string: server.url)!, tls: .none, username: server.user, password: password ?? server.password, timeout: 10),
            logger: Logger(label: "test"))
    }

    @Test(.timeLimit(.minutes(1)))
    func searchFetchAndFlag() throws {
        let server = try DovecotServer()
        let first = try server.deliver(BounceFixtures.humanReply(from: "ana@example.net"))
        let second = try server.deliver(BounceFixtures.dsn(
            returnPath: "bounces+abc@mompreneurs.example", recipient: "ana@example.net", originalMessageId: "<abc.r@m>"))
        let imap = try client(server)
        let (validity, uids) = try imap.unprocessed(keyword: "$RelaisProcessed")
        #expect(validity != nil)
        #expect(uids.count == 2)
        let bodies = try uids.map { try imap.fetch(uid: $0) }
        #expect(String(decoding: bodies[0], as: UTF8.self).contains("Je serai l\u{E0} mardi."))
        #expect(bodies.allSatisfy { String(decoding: $0, as: UTF8.self).hasSuffix("\r\n") })
        #expect(String(decoding: bodies[1], as: UTF8.self).contains("report-type=delivery-status"))
        // Fetching changed no flag.
        #expect(try imap.flags(uid: uids[0]).isEmpty)
        #expect(server.maildirFlags(first) == "")
        try imap.markProcessed(uid: uids[1], keyword: "$RelaisProcessed")
        #expect(Set(try imap.flags(uid: uids[1])) == ["\\Seen", "$RelaisProcessed"])
        #expect(try imap.unprocessed(keyword: "$RelaisProcessed").uids == [uids[0]])
        #expect(server.maildirFlags(second)?.contains("S") == true)
    }

    @Test(.timeLimit(.minutes(1)))
    func aWrongPasswordIsAnAuthenticationErrorThatNeverShowsIt() throws {
        let server = try DovecotServer()
        let imap = try client(server, password: "wrong-secret-value")
        do {
            _ = try imap.unprocessed(keyword: "$RelaisProcessed")
            Issue.record("a wrong password was accepted")
        } catch {
            #expect(error.kind == .authentication, "\(error)")
            #expect(!error.description.contains("wrong-secret-value"))
        }
    }

    @Test func urlsAreChecked() throws {
        func check(_ url: String) -> IMAPError? {
            do {
                _ = try IMAPConfiguration(url: URL(string: url)!, username: "u", password: "p").validatedCurlURL()
                return nil
            } catch { return error }
        }
        #expect(check("imaps://mail.example.org/INBOX") == nil)
        #expect(try IMAPConfiguration(url: URL(string: "imaps://mail.example.org")!, username: "u", password: "p").validatedCurlURL()
            == "imaps://mail.example.org:993/INBOX")
        #expect(check("smtp://mail.example.org") != nil)
        #expect(check("imap://user:pw@mail.example.org/INBOX") != nil)
        #expect(check("imap://mail.example.org/INBOX;UID=1") != nil)
    }
}

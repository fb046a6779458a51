import Foundation
import RelaisTestSupport
import Testing

/// The bounce mailbox over TLS, against a Dovecot with `ssl = required` presenting the test
/// CA's certificate for 127.0.0.1: implicit TLS (`imaps://`) and STARTTLS (`imap://` with
/// `bounces.imap.tls: required`). With the CA in `bounces.imap.ca_file` the intake works;
/// without it, one line names the certificate problem, exit 78 as for SMTP's TLS failures,
/// and the password is never printed.
@Suite(.blocking, .serialized, .enabled(if: DovecotServer.isInstalled, "dovecot-imapd is not installed (scripts/install-deps.sh test)"))
struct BounceTLSTests {
    enum Mode: String, CaseIterable, CustomTestStringConvertible {
        case imaps, starttls
        var testDescription: String { rawValue }
    }

    /// A sandbox with one member, ana@example.org, reading `imap`'s mailbox in `mode`.
    func sandbox(_ imap: DovecotServer, _ mode: Mode, caFile: String?) throws -> Sandbox {
        let url = mode == .imaps ? imap.imapsURL : imap.url
        let sandbox = Sandbox(extraYAML: """
            bounces:
              imap:
                url: \(url)
                tls: required
                user: \(imap.user)
                password_file: imap-password
            \(caFile.map { "    ca_file: \($0)" } ?? "")
            """)
        sandbox.directory.write("imap-password", imap.password + "\n")
        chmod(sandbox.directory.file("imap-password"), 0o600)
        let add = try sandbox.ctl(["member", "add", "ana@example.org", "--name", "Ana", "--locale", "es"])
        try #require(add.status == 0, "\(add.stderr)")
        return sandbox
    }

    @Test(.timeLimit(.minutes(1)), arguments: Mode.allCases)
    func theIntakeWorksOverTLSWithTheCAFile(_ mode: Mode) throws {
        let imap = try DovecotServer(certificates: TestCertificates.shared)
        let sandbox = try sandbox(imap, mode, caFile: TestCertificates.shared.caFile)
        let file = try imap.deliver(BounceFixtures.dsn(
            returnPath: "bounces@mompreneurs.example", recipient: "ana@example.org", originalMessageId: "<unknown@mompreneurs.example>"))
        #expect(try sandbox.ctl(["config", "check"]).status == 0)
        let result = try sandbox.ctl(["bounces", "fetch"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "1 bounced, 0 soft, 0 complaints, 0 unsubscribed, 0 left for humans\n", "\(result.stdout)")
        let shown = try sandbox.ctl(["member", "show", "ana@example.org", "--json"])
        #expect(shown.stdout.contains("\"status\" : \"bounced\""), "\(shown.stdout)")
        let letter = try #require(imap.keywordLetter("$RelaisProcessed"))
        #expect(imap.maildirFlags(file)?.contains(letter) == true)
        // Dovecot refuses a login before TLS (ssl = required): the session really was encrypted.
        let log = try String(contentsOfFile: imap.logFile, encoding: .utf8)
        let login = log.split(separator: "\n").first { $0.contains("Login: user=<\(imap.user)>") }
        #expect(login?.contains(", TLS") == true, "\(log.suffix(600))")
    }

    @Test(.timeLimit(.minutes(1)), arguments: Mode.allCases)
    func withoutTheCAOneLineNamesTheCertificateAndExits78(_ mode: Mode) throws {
        let imap = try DovecotServer(certificates: TestCertificates.shared)
        let sandbox = try sandbox(imap, mode, caFile: nil)
        try imap.deliver(BounceFixtures.humanReply(from: "ana@example.org"))
        let result = try sandbox.ctl(["bounces", "fetch"])
        #expect(result.status == 78, "\(result.status): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("relaisctl: bounce mailbox \(mode == .imaps ? imap.imapsURL : imap.url): server certificate rejected"),
                "\(result.stderr)")
        #expect(result.stderr.contains("certificate problem") && result.stderr.contains("set bounces.imap.ca_file"), "\(result.stderr)")
        #expect(!result.stderr.contains(imap.password) && !result.stdout.contains(imap.password))
        #expect(imap.loginCount == 0)
    }
}

import Foundation
import RelaisTestSupport
import Testing

/// The bounce mailbox end to end: a campaign delivered with VERP to the SMTP test server, then
/// a real Dovecot holding a hard DSN, three soft DSNs, an ARF complaint, a mailto unsubscribe
/// and a person's reply; `relaisctl bounces fetch` reads it (killed with SIGKILL in the middle
/// of a batch once, then run again).
@Suite(.blocking, .serialized, .enabled(if: DovecotServer.isInstalled, "dovecot-imapd is not installed (scripts/install-deps.sh test)"))
struct BounceIntakeTests {
    static let domain = "mompreneurs.example"

    /// A delivered campaign to member0…3 (member3 also on `events`), and the mailbox.
    struct Setup {
        let harness: DaemonHarness
        let imap: DovecotServer
        /// Message token (VERP) per recipient.
        let tokens: [String: String]
        /// The List-Unsubscribe header per recipient.
        let listUnsubscribe: [String: String]
    }

    func setUp() throws -> Setup {
        let imap = try DovecotServer()
        let harness = try DaemonHarness(
            deliveryExtra: ["return_path: \"bounces+{token}@\(Self.domain)\""],
            extraYAML: """
                bounces:
                  imap:
                    url: \(imap.url)
                    tls: none
                    user: \(imap.user)
                    password_file: imap-password
                """,
            senderExtra: ["unsubscribe_mailto: \"unsubscribe+{token}@\(Self.domain)\""])
        harness.sandbox.directory.write("imap-password", imap.password + "\n")
        chmod(harness.sandbox.directory.file("imap-password"), 0o600)
        try harness.addMembers(4, list: "news")
        #expect(try harness.sandbox.ctl(["list", "add", "events"]).status == 0)
        let add = try harness.sandbox.ctl(["member", "add", "member3@example.org", "--name", "Member 3", "--locale", "en", "--list", "events"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(try harness.announce(list: "news") == 4)
        let once = try harness.runOnce()
        #expect(once.status == 0, "relaisd --once: \(once.stderr)")
        var tokens: [String: String] = [:]
        var headers: [String: String] = [:]
        for record in try harness.server.records() {
            let recipient = try #require(record.rcpt_tos.first)
            let token = try #require(record.mail_from.split(separator: "+").last?.split(separator: "@").first.map(String.init))
            tokens[recipient] = token
            headers[recipient] = DaemonHarness.header("List-Unsubscribe", in: record.bytes)
        }
        #expect(tokens.count == 4)
        return Setup(harness: harness, imap: imap, tokens: tokens, listUnsubscribe: headers)
    }

    func fetch(_ harness: DaemonHarness, environment: [String: String] = [:]) throws -> ProcessResult {
        try harness.sandbox.ctl(["bounces", "fetch"], environment: environment)
    }

    func member(_ harness: DaemonHarness, _ email: String) throws -> [String: Any] {
        let result = try harness.sandbox.ctl(["member", "show", email, "--json"])
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    /// `SELECT …` on the database through Python's sqlite3, one line per row, fields joined by `|`.
    func query(_ harness: DaemonHarness, _ sql: String) throws -> [String] {
        let result = try ProcessRunner.run("/usr/bin/python3", [
            "-c", "import sqlite3, sys\nfor row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print('|'.join(str(v) for v in row))",
            harness.sandbox.directory.file("var/relais.sqlite"), sql,
        ])
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test(.timeLimit(.minutes(3)))
    func everyKindOfMailIsHeardOnceAndPeopleKeepTheirs() throws {
        let setup = try setUp()
        let (harness, imap) = (setup.harness, setup.imap)
        func verp(_ member: String) -> String { "bounces+\(setup.tokens[member]!)@\(Self.domain)" }
        func messageId(_ member: String) -> String { "<\(setup.tokens[member]!).relais@\(Self.domain)>" }

        // The mailto: unsubscribe address is in List-Unsubscribe, after the https link if any.
        let header = try #require(setup.listUnsubscribe["member3@example.org"])
        let mailto = try #require(header.range(of: "<mailto:")).upperBound
        let address = String(header[mailto...].prefix { $0 != "?" && $0 != ">" })
        #expect(address.hasPrefix("unsubscribe+\(setup.tokens["member3@example.org"]!)-"), "List-Unsubscribe: \(header)")

        var files: [String: String] = [:]
        files["hard"] = try imap.deliver(BounceFixtures.dsn(
            returnPath: verp("member0@example.org"), recipient: "member0@example.org", originalMessageId: messageId("member0@example.org")))
        for index in 1...3 {
            files["soft\(index)"] = try imap.deliver(BounceFixtures.dsn(
                returnPath: verp("member1@example.org"), recipient: "member1@example.org", originalMessageId: messageId("member1@example.org"),
                action: index == 2 ? "delayed" : "failed", status: "4.2.2", diagnostic: "452 4.2.2 Mailbox full"))
        }
        files["complaint"] = try imap.deliver(BounceFixtures.complaint(
            to: verp("member2@example.org"), recipient: "member2@example.org", originalMessageId: messageId("member2@example.org")))
        files["mailto"] = try imap.deliver(BounceFixtures.unsubscribe(to: address, from: "member3@example.org"))
        files["human"] = try imap.deliver(BounceFixtures.humanReply(from: "member3@example.org"))

        // Killed (SIGKILL, in the process itself) right after the 3rd commit, before its flag.
        let killed = try fetch(harness, environment: ["RELAIS_TEST_KILL_AFTER_COMMITS": "3"])
        #expect(killed.status != 0, "the test hook did not stop the first pass: \(killed.stdout)")
        #expect(try query(harness, "SELECT COUNT(*) FROM inboundMail") == ["3"])

        let second = try fetch(harness)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!second.stdout.isEmpty)

        // Each message was classified exactly once, whatever pass did it.
        let kinds = try query(harness, "SELECT kind, outcome FROM inboundMail ORDER BY id")
        #expect(kinds.count == 7, "\(kinds)")
        #expect(kinds.filter { $0 == "soft|counted" }.count == 2 && kinds.contains("soft|bounced"), "\(kinds)")
        #expect(kinds.contains("hard|bounced") && kinds.contains("complaint|unsubscribed") && kinds.contains("unsubscribe|left-list"))
        #expect(kinds.contains("human|human"))

        #expect(try member(harness, "member0@example.org")["status"] as? String == "bounced")
        #expect(try member(harness, "member1@example.org")["status"] as? String == "bounced")
        let complained = try member(harness, "member2@example.org")
        #expect(complained["status"] as? String == "unsubscribed")
        #expect((complained["lists"] as? [String])?.isEmpty == true, "complaint leaves every list: \(complained)")
        let left = try member(harness, "member3@example.org")
        #expect(left["status"] as? String == "active")
        #expect(left["lists"] as? [String] == ["events"], "mailto leaves that list only: \(left)")
        #expect(left["unsubscribed_lists"] as? [String] == ["news"])
        let history = try harness.sandbox.ctl(["member", "show", "member2@example.org"]).stdout
        #expect(history.contains("left-everything") && history.contains("(complaint)"), "\(history)")
        let changes = try query(harness, "SELECT memberId, source, change FROM memberChange WHERE source != 'cli' ORDER BY id")
        #expect(changes.count == 4, "one change per member, none twice: \(changes)")

        // Processed mail is flagged (seen + keyword); the reply stays unread and unflagged.
        let letter = try #require(imap.keywordLetter("$RelaisProcessed"))
        for (name, file) in files where name != "human" {
            let flags = imap.maildirFlags(file) ?? "(gone)"
            #expect(flags.contains("S") && flags.contains(letter), "\(name): flags \(flags)")
        }
        #expect(imap.maildirFlags(files["human"]!) == "", "the reply: \(imap.maildirFlags(files["human"]!) ?? "(gone)")")

        // Again: nothing changes.
        let third = try fetch(harness)
        #expect(third.status == 0)
        #expect(third.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            == "0 bounced, 0 soft, 0 complaints, 0 unsubscribed, 1 left for humans", "\(third.stdout)")
        #expect(try query(harness, "SELECT COUNT(*) FROM inboundMail") == ["7"])
        #expect(imap.maildirFlags(files["human"]!) == "")
        let json = try harness.sandbox.ctl(["bounces", "fetch", "--json"])
        #expect(json.stdout.contains("\"left_for_humans\" : 1"), "\(json.stdout)")
        #expect(try harness.sandbox.ctl(["bounces", "fetch", "-q"]).stdout.isEmpty)
    }

    @Test(.timeLimit(.minutes(2)))
    func aWrongPasswordSaysSoWithoutShowingIt() throws {
        let imap = try DovecotServer()
        let sandbox = Sandbox(extraYAML: """
            bounces:
              imap:
                url: \(imap.url)
                tls: none
                user: \(imap.user)
                password_file: imap-password
            """)
        sandbox.directory.write("imap-password", "not-the-password-4711\n")
        let result = try sandbox.ctl(["bounces", "fetch"])
        #expect(result.status == 77, "\(result.status): \(result.stderr)")
        #expect(result.stderr.hasPrefix("relaisctl: bounce mailbox imap://127.0.0.1:"), "\(result.stderr)")
        #expect(!result.stderr.contains("not-the-password-4711") && !result.stdout.contains("not-the-password-4711"))
    }
}

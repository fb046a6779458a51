import Foundation
import RelaisTestSupport
import Testing

/// `relaisctl bounce import` and `bounce list`: bounces forwarded elsewhere and saved as an
/// mbox and an `.eml` go through the same classifier and record as the mailbox (no IMAP here).
@Suite(.blocking, .serialized)
struct BounceImportTests {
    static let domain = "mompreneurs.example"

    /// A campaign delivered with VERP to member0…3, and the token per recipient.
    func setUp() throws -> (DaemonHarness, [String: String]) {
        let harness = try DaemonHarness(deliveryExtra: ["return_path: \"bounces+{token}@\(Self.domain)\""])
        try harness.addMembers(4, list: "news")
        #expect(try harness.announce(list: "news") == 4)
        let once = try harness.runOnce()
        #expect(once.status == 0, "relaisd --once: \(once.stderr)")
        var tokens: [String: String] = [:]
        for record in try harness.server.records() {
            let recipient = try #require(record.rcpt_tos.first)
            tokens[recipient] = try #require(record.mail_from.split(separator: "+").last?.split(separator: "@").first.map(String.init))
        }
        #expect(tokens.count == 4)
        return (harness, tokens)
    }

    /// An mbox of `messages`: each after a `From ` line, a body line starting `From ` escaped.
    static func mbox(_ messages: [[UInt8]]) -> String {
        messages.map { message in
            // Bytes, not Characters: "\r\n" is one Character and would not split on "\n".
            let text = message.split(separator: 0x0A, omittingEmptySubsequences: false)
                .map { line in
                    let text = String(decoding: line, as: UTF8.self)
                    return text.hasPrefix("From ") || text.hasPrefix(">From ") ? ">" + text : text
                }
                .joined(separator: "\n")
            return "From MAILER-DAEMON Sat Mar  8 09:00:00 2026\n" + text + "\n"
        }.joined()
    }

    func member(_ harness: DaemonHarness, _ email: String) throws -> [String: Any] {
        let result = try harness.sandbox.ctl(["member", "show", email, "--json"])
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    @Test(.timeLimit(.minutes(3)))
    func anMboxAndAnEmlAreRecordedOnceAndListed() throws {
        let (harness, tokens) = try setUp()
        func verp(_ member: String) -> String { "bounces+\(tokens[member]!)@\(Self.domain)" }
        func messageId(_ member: String) -> String { "<\(tokens[member]!).relais@\(Self.domain)>" }
        let mbox = Self.mbox([
            BounceFixtures.dsn(
                returnPath: verp("member0@example.org"), recipient: "member0@example.org", originalMessageId: messageId("member0@example.org")),
            BounceFixtures.dsn(
                returnPath: verp("member1@example.org"), recipient: "member1@example.org", originalMessageId: messageId("member1@example.org"),
                status: "4.2.2", diagnostic: "452 4.2.2 Mailbox full"),
            BounceFixtures.humanReply(from: "member3@example.org") + Array("From the heart, Ana\r\n".utf8),
        ])
        #expect(mbox.contains("\n>From "), "the reply's quoted line is escaped, so the test covers unescaping")
        harness.sandbox.directory.write("forwarded.mbox", mbox)
        harness.sandbox.directory.write("complaint.eml", String(decoding: BounceFixtures.complaint(
            to: verp("member2@example.org"), recipient: "member2@example.org", originalMessageId: messageId("member2@example.org")), as: UTF8.self))
        let files = [harness.sandbox.directory.file("forwarded.mbox"), harness.sandbox.directory.file("complaint.eml")]

        let first = try harness.sandbox.ctl(["bounce", "import"] + files)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "1 bounced, 1 soft, 1 complaints, 0 unsubscribed, 1 left for humans\n", "\(first.stdout)")
        #expect(try member(harness, "member0@example.org")["status"] as? String == "bounced")
        #expect(try member(harness, "member1@example.org")["status"] as? String == "active", "one soft bounce is only counted")
        let complained = try member(harness, "member2@example.org")
        #expect(complained["status"] as? String == "unsubscribed")
        #expect((complained["lists"] as? [String])?.isEmpty == true, "\(complained)")
        #expect(try member(harness, "member3@example.org")["status"] as? String == "active")

        // Again (through the old name): nothing changes but the reply, still left for people.
        let again = try harness.sandbox.ctl(["bounces", "import", "--json"] + files)
        #expect(again.status == 0, "\(again.stderr)")
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Int])
        #expect(counts["bounced"] == 0 && counts["soft"] == 0 && counts["complaints"] == 0 && counts["unsubscribed"] == 0)
        #expect(counts["left_for_humans"] == 1, "\(again.stdout)")
        #expect(try harness.sandbox.ctl(["bounce", "import", "-q"] + files).stdout.isEmpty)

        // What was learnt, newest first, numbers as numbers.
        let list = try harness.sandbox.ctl(["bounce", "list", "--json"])
        #expect(list.status == 0, "\(list.stderr)")
        let records = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(records.map { $0["kind"] as? String } == ["complaint", "people", "soft", "hard"], "\(list.stdout)")
        let hard = try #require(records.last)
        #expect(hard["member"] as? String == "member0@example.org")
        #expect(hard["status"] as? String == "5.1.1")
        #expect(hard["queue_id"] is NSNumber && hard["id"] is NSNumber, "\(hard)")
        #expect(records[1]["member"] is NSNull && records[1]["queue_id"] is NSNull, "\(records[1])")
        #expect(list.stdout.contains("\"queue_id\" : \(hard["queue_id"]!)"), "a bare number: \(list.stdout)")
        let limited = try harness.sandbox.ctl(["bounce", "list", "--json", "--limit", "1"])
        #expect((try JSONSerialization.jsonObject(with: Data(limited.stdout.utf8)) as? [Any])?.count == 1)
        let table = try harness.sandbox.ctl(["bounce", "list"])
        #expect(table.stdout.split(separator: "\n").count == 5, "\(table.stdout)")
        #expect(table.stdout.contains("people") && table.stdout.contains("—"), "\(table.stdout)")
    }

    @Test func aMissingFileIsOneLineAndRecordsNothing() throws {
        let sandbox = Sandbox()
        sandbox.directory.write("reply.eml", String(decoding: BounceFixtures.humanReply(from: "ana@example.org"), as: UTF8.self))
        let missing = sandbox.directory.file("no-such.mbox")
        let result = try sandbox.ctl(["bounce", "import", sandbox.directory.file("reply.eml"), missing])
        #expect(result.status == 66, "\(result.status): \(result.stderr)")
        #expect(result.stderr == "relaisctl: \(missing): no such file\n", "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let list = try sandbox.ctl(["bounce", "list", "--json"])
        #expect(list.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || list.stdout.contains("[]"), "the reply before it was not recorded: \(list.stdout)")
    }

    @Test func aFileThatIsNotMailExits65() throws {
        let sandbox = Sandbox()
        sandbox.directory.write("notes.txt", "just some notes\nnot mail\n")
        let result = try sandbox.ctl(["bounce", "import", sandbox.directory.file("notes.txt")])
        #expect(result.status == 65, "\(result.status): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("notes.txt: not an RFC 5322 message"), "\(result.stderr)")
    }

    @Test func theOldGroupNameStillWorks() throws {
        let help = try Sandbox().ctl(["bounces", "fetch", "--help"])
        #expect(help.status == 0, "\(help.stderr)")
        #expect(help.stdout.contains("bounces.poll_interval"), "\(help.stdout)")
        let group = try Sandbox().ctl(["bounce", "--help"])
        #expect(group.stdout.contains("import") && group.stdout.contains("list"), "\(group.stdout)")
    }
}

import Foundation
import RelaisTestSupport
import Testing

/// `member export` lists every row held about a member; `member forget` leaves none of her
/// address or name in any text column of any table, and a later add or import leaves her out.
@Suite(.blocking, .serialized) struct MemberPrivacyTests {
    static let email = "ana.garcia@example.org"
    static let name = "Ana García Zubiri"

    /// Every text (and text-like blob) value of every table, through Python's sqlite3.
    func allText(_ sandbox: Sandbox) throws -> String {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
                for row in db.execute('SELECT * FROM "%s"' % table):
                    for value in row:
                        if isinstance(value, bytes): value = value.decode('utf-8', 'replace')
                        if isinstance(value, str): print(table + ': ' + value)
            """
        let result = try ProcessRunner.run("/usr/bin/python3", ["-c", script, sandbox.directory.file("var/relais.sqlite")])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test(.timeLimit(.minutes(3)))
    func exportListsEverythingAndForgetLeavesNothing() throws {
        let harness = try DaemonHarness(serverArguments: [
            "--fault", "rcpt:452 4.2.2 <\(Self.email)>: Mailbox full", "--fault-match", Self.email, "--fault-count", "1",
        ])
        let sandbox = harness.sandbox
        #expect(try sandbox.ctl(["list", "add", "news"]).status == 0)
        #expect(try sandbox.ctl(["list", "add", "events"]).status == 0)
        let add = try sandbox.ctl(["member", "add", Self.email, "--name", Self.name, "--locale", "es", "--list", "news", "--list", "events"])
        #expect(add.status == 0, "\(add.stderr)")
        try harness.addMembers(1, list: "news")
        // History, a queue row with an attempt carrying her address in the reply, a queued one.
        #expect(try sandbox.ctl(["member", "unsubscribe", Self.email, "--list", "events"]).status == 0)
        #expect(try harness.announce(list: "news") == 2)
        #expect(try harness.runOnce().status == 0)
        #expect(try harness.announce(list: "news") == 2)

        let export = try sandbox.ctl(["member", "export", Self.email])
        #expect(export.status == 0, "\(export.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
        let tables = try #require(object["tables"] as? [String: [[String: Any]]])
        #expect(tables["member"]?.first?["name"] as? String == Self.name)
        #expect(Set(tables["membership"]?.compactMap { $0["list"] as? String } ?? []) == ["news", "events"])
        #expect(tables["memberChange"]?.count == 1)
        #expect(tables["queue"]?.count == 2, "\(tables["queue"] ?? [])")
        #expect(tables["attempt"]?.contains { ($0["replyText"] as? String)?.contains("Mailbox full") == true } == true)
        #expect(tables["rsvp"] != nil && tables["inboundMail"] != nil)
        #expect(!export.stdout.contains("member0@example.org"), "another member's rows leaked into the export")

        let before = try allText(sandbox)
        #expect(before.contains(Self.email) && before.contains(Self.name))
        let forget = try sandbox.ctl(["member", "forget", Self.email])
        #expect(forget.status == 0, "\(forget.stderr)")
        #expect(forget.stdout.contains("queued message") && forget.stdout.contains("cancelled"), "\(forget.stdout)")
        let after = try allText(sandbox)
        #expect(!after.lowercased().contains(Self.email.lowercased()), "her address remains: \(after.split(separator: "\n").filter { $0.lowercased().contains("ana.garcia") })")
        #expect(!after.contains(Self.name) && !after.contains("García"), "her name remains")
        #expect(after.contains("member0@example.org"), "the other member was touched")
        #expect(try harness.queueRows().filter { $0.recipient == "forgotten" }.allSatisfy { $0.state != "queued" })

        // She cannot come back by accident, and each refusal says why in one line.
        let again = try sandbox.ctl(["member", "add", Self.email.uppercased(), "--name", Self.name, "--locale", "es", "--list", "news"])
        #expect(again.status == 65)
        #expect(again.stderr.split(separator: "\n").count == 1 && again.stderr.contains("asked to be forgotten"), "\(again.stderr)")
        let csv = sandbox.directory.write("again.csv", "email,name,locale,lists\n\(Self.email),\(Self.name),es,news\nnew@example.org,New,fr,news\n")
        let imported = try sandbox.ctl(["member", "import", csv])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("1 added") && imported.stdout.contains("1 forgotten address left out"), "\(imported.stdout)")
        #expect(imported.stderr.contains("\(Self.email) asked to be forgotten"), "\(imported.stderr)")
        #expect(try sandbox.ctl(["member", "show", Self.email]).status != 0)
        #expect(!(try allText(sandbox)).lowercased().contains(Self.email.lowercased()))
    }
}

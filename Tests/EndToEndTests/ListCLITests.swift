import Foundation
import RelaisTestSupport
import Testing

/// Lists as things: created on purpose, shown, renamed, removed; welcome messages sent once.
@Suite(.blocking) struct ListCLITests {
    private func json(_ result: ProcessResult) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test func anUnknownListIsRefusedUnlessCreateListsAndNothingIsWritten() throws {
        let sandbox = Sandbox()
        let typo = try sandbox.ctl(["member", "add", "ana@example.es", "--name", "Ana", "--locale", "es", "--list", "typo"])
        #expect(typo.status == 65)
        #expect(typo.stderr.split(separator: "\n").count == 1 && typo.stderr.contains("no list named \"typo\"") && typo.stderr.contains("--create-lists"))
        #expect(try sandbox.ctl(["member", "show", "ana@example.es"]).status == 65)
        #expect(try json(sandbox.ctl(["list", "list", "--json"])) as? [Any] != nil)
        #expect((try json(sandbox.ctl(["list", "list", "--json"])) as? [Any])?.isEmpty == true)

        let csv = sandbox.directory.write("m.csv", "email,name,locale,lists\nana@example.es,Ana,es,be;nope\nbo@example.be,Bo,fr,be\n")
        #expect(try sandbox.ctl(["list", "add", "be"]).status == 0)
        let refused = try sandbox.ctl(["member", "import", csv])
        #expect(refused.status == 65 && refused.stderr.contains("no list named \"nope\""), "\(refused.stderr)")
        #expect((try json(sandbox.ctl(["member", "list", "--json"])) as? [Any])?.isEmpty == true)

        let created = try sandbox.ctl(["member", "import", csv, "--create-lists"])
        #expect(created.status == 0 && created.stdout == "imported 2 members: 2 added, 0 updated, 0 unchanged\n", "\(created.stderr)")
        let again = try sandbox.ctl(["member", "import", csv])
        #expect(again.stdout == "imported 2 members: 0 added, 0 updated, 2 unchanged\n")
        let mixed = sandbox.directory.write("mixed.csv", "email,name,locale,lists\nana@example.es,Ana María,es,be\nbad,Bad,fr,be\n")
        let skipped = try sandbox.ctl(["member", "import", mixed, "--skip-invalid"])
        #expect(skipped.status == 65 && skipped.stderr.contains("mixed.csv:3:"))
        #expect(skipped.stdout == "imported 1 member: 0 added, 1 updated, 0 unchanged, 1 invalid row skipped\n")
    }

    @Test func addShowRenameRemove() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.ctl(["list", "add", "be"]).stdout == "added list be\n")
        let duplicate = try sandbox.ctl(["list", "add", "BE"])
        #expect(duplicate.status == 65 && duplicate.stderr == "relaisctl: a list named \"BE\" already exists\n")
        let badName = try sandbox.ctl(["list", "add", "a b"])
        #expect(badName.status == 65)
        #expect(try sandbox.ctl(["member", "add", "ana@example.es", "--name", "Ana", "--locale", "es", "--list", "be"]).status == 0)
        #expect(try sandbox.ctl(["member", "add", "bo@example.be", "--name", "Bo", "--locale", "fr", "--list", "be"]).status == 0)
        #expect(try sandbox.ctl(["member", "unsubscribe", "bo@example.be", "--list", "be"]).status == 0)

        let lists = try #require(try json(sandbox.ctl(["lists", "--json"])) as? [[String: Any]])
        #expect(lists.count == 1)
        #expect(lists.first?["name"] as? String == "be" && lists.first?["members"] as? Int == 1 && lists.first?["left"] as? Int == 1)
        #expect(lists.first?["id"] as? Int == 1)
        let table = try sandbox.ctl(["list"])
        #expect(table.stdout.split(separator: "\n").first?.hasPrefix("NAME") == true && table.stdout.contains("be "))

        let event = try sandbox.ctl([
            "event", "add", "--title", "fr=Petit-déjeuner", "--start", "2050-03-01T08:30", "--tz", "Europe/Brussels", "--list", "be",
        ])
        #expect(event.status == 0)
        let shown = try sandbox.ctl(["list", "show", "be"])
        #expect(shown.stdout.contains("members:      1") && shown.stdout.contains("events:       1") && shown.stdout.contains("ana@example.es"))

        let renamed = try sandbox.ctl(["list", "rename", "be", "brussels"])
        #expect(renamed.status == 0 && renamed.stdout == "renamed list be to brussels\n")
        let member = try #require(try json(sandbox.ctl(["member", "show", "ana@example.es", "--json"])) as? [String: Any])
        #expect(member["lists"] as? [String] == ["brussels"])
        let eventJSON = try #require(try json(sandbox.ctl(["event", "show", "1", "--json"])) as? [String: Any])
        #expect(eventJSON["lists"] as? [String] == ["brussels"])

        let inUse = try sandbox.ctl(["list", "remove", "brussels"])
        #expect(inUse.status == 65 && inUse.stderr.contains("used by event 1"))
        #expect(try sandbox.ctl(["event", "remove", "1"]).stdout == "removed event 1\n")
        let removed = try sandbox.ctl(["list", "remove", "brussels"])
        #expect(removed.status == 0 && removed.stdout == "removed list brussels (2 subscriptions)\n")
        #expect(try sandbox.ctl(["member", "show", "ana@example.es"]).stdout.contains("lists:        \n"))
        #expect(try sandbox.ctl(["list", "show", "brussels"]).status == 65)
    }

    @Test func welcomeGoesToNewMembersOnlyAndNeverTwice() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.ctl(["member", "add", "old@example.be", "--name", "Old", "--locale", "fr", "--list", "be", "--create-lists"]).status == 0)
        let csv = sandbox.directory.write("m.csv", "email,name,locale,lists\nold@example.be,Old,fr,be\nana@example.es,Ana,es,be\nbo@example.de,Bo,de,be\n")
        let first = try sandbox.ctl(["member", "import", csv, "--welcome"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "imported 3 members: 2 added, 0 updated, 1 unchanged; 2 welcome messages queued\n")
        let again = try sandbox.ctl(["member", "import", csv, "--welcome"])
        #expect(again.stdout == "imported 3 members: 0 added, 0 updated, 3 unchanged\n")
        // Removed and added again: the address was welcomed already.
        #expect(try sandbox.ctl(["member", "remove", "ana@example.es"]).status == 0)
        let readded = try sandbox.ctl(["member", "add", "ana@example.es", "--name", "Ana", "--locale", "es", "--list", "be", "--welcome"])
        #expect(readded.stdout == "added member ana@example.es (lists: be)\n")

        let rows = try #require(try json(sandbox.ctl(["queue", "list", "--json"])) as? [[String: Any]])
        let welcomes = rows.filter { $0["template"] as? String == "welcome" }
        #expect(welcomes.compactMap { $0["recipient"] as? String }.sorted() == ["ana@example.es", "bo@example.de"])
        #expect(try sandbox.runDaemonOnce().status == 0)
        let sent = try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.file("var/outbox"))
        #expect(sent.count == 1, "ana's row was cancelled when she was removed; bo's was sent")
    }
}

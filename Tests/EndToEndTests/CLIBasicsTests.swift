import Foundation
import RelaisTestSupport
import Testing

@Suite(.blocking) struct CLIBasicsTests {
    @Test func helpListsEveryCommandWithADescription() throws {
        let result = try Binaries.ctl(["--help"])
        #expect(result.status == 0)
        for command in ["config", "member"] {
            let line = result.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(command + " ") }
            #expect(line != nil, "\(command) missing from --help")
            #expect((line?.split(separator: " ", omittingEmptySubsequences: true).count ?? 0) > 2, "\(command) has no description")
        }
    }

    @Test func versionOnBothBinaries() throws {
        let ctl = try Binaries.ctl(["--version"])
        let daemon = try ProcessRunner.run(Binaries.relaisd, ["--version"])
        #expect(ctl.status == 0 && daemon.status == 0)
        #expect(!ctl.stdout.isEmpty && ctl.stdout == daemon.stdout)
    }

    @Test func configCheckIsQuietOnSuccessAndExits78WithOneLinePerProblem() throws {
        let good = Sandbox()
        let ok = try good.ctl(["config", "check"])
        #expect(ok.status == 0 && ok.stdout.isEmpty && ok.stderr.isEmpty)

        let bad = Sandbox(extraYAML: """
            delivery:
              transport: smtp
              smtp:
                url: http://nope
                tls: maybe
            """)
        let result = try bad.ctl(["config", "check"])
        #expect(result.status == 78)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("relaisctl: relais.yaml:") })
    }

    @Test func memberCommandsEndToEnd() throws {
        let sandbox = Sandbox()
        let imported = try sandbox.ctl(["member", "import", Repository.path("config/members.sample.csv"), "--json", "--create-lists"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let add = try sandbox.ctl(["member", "add", "eve@example.org", "--name", "Eve", "--locale", "en-GB", "--list", "guests", "--create-lists"])
        #expect(add.status == 0 && add.stdout == "added member eve@example.org (lists: guests)\n" && add.stderr.isEmpty)
        let list = try sandbox.ctl(["member", "list", "--list", "guests", "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        #expect(json?.count == 1)
        #expect(json?.first?["email"] as? String == "eve@example.org")
        #expect(json?.first?["locale"] as? String == "en-GB")

        let badLocale = try sandbox.ctl(["member", "add", "x@example.org", "--name", "X", "--locale", "it"])
        #expect(badLocale.status == 65)
        #expect(badLocale.stderr.split(separator: "\n").count == 1)
        #expect(badLocale.stderr.contains("\"it\""))

        let injected = try sandbox.ctl(["member", "add", "bob@example.org", "--name", "Bob\r\nBcc: x@y", "--locale", "en"])
        #expect(injected.status == 65)
        #expect(injected.stderr.split(separator: "\n").count == 1)

        #expect(try sandbox.ctl(["member", "unsubscribe", "eve@example.org", "--list", "guests"]).status == 0)
        let after = try sandbox.ctl(["member", "list", "--list", "guests", "--json"])
        #expect(after.stdout.contains("eve@example.org") == false)
        #expect(try sandbox.ctl(["member", "remove", "eve@example.org"]).status == 0)
        let gone = try sandbox.ctl(["member", "show", "eve@example.org"])
        #expect(gone.status == 65 && gone.stderr == "relaisctl: no member with address eve@example.org\n")
    }

    @Test func importWithBadRowsWritesNothing() throws {
        let sandbox = Sandbox()
        let csv = sandbox.directory.write("m.csv", "email,name,locale,lists\nok@example.be,Ok,fr,a\nbad,Bad,fr,a\n")
        let result = try sandbox.ctl(["member", "import", csv])
        #expect(result.status == 65)
        #expect(result.stderr.contains("m.csv:3:"))
        let list = try sandbox.ctl(["member", "list", "--json"])
        #expect(list.stdout.contains("ok@example.be") == false)
    }

    @Test func usageErrorsExit64() throws {
        let result = try Binaries.ctl(["member", "add"])
        #expect(result.status == 64)
    }
}

import Foundation
import RelaisTestSupport
import Testing
@testable import relaisctl

/// Global options in every position, and commands that throw instead of exiting.
@Suite(.blocking) struct GlobalOptionsTests {
    @Test(arguments: [
        ["--config", "CONFIG", "member", "list", "--json"],
        ["member", "--config", "CONFIG", "list", "--json"],
        ["member", "list", "--config", "CONFIG", "--json"],
        ["--json", "member", "list", "--config", "CONFIG"],
        ["member", "--json", "--config", "CONFIG", "list"],
    ])
    func configAndJSONBeforeOrAfterAnySubcommand(_ arguments: [String]) throws {
        let sandbox = Sandbox()
        let result = try Binaries.ctl(arguments.map { $0 == "CONFIG" ? sandbox.config : $0 })
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: "") == "[]")
    }

    @Test func quietBeforeTheSubcommandSilencesTheFeedbackLine() throws {
        let sandbox = Sandbox()
        let loud = try sandbox.ctl(["list", "add", "be"])
        #expect(loud.status == 0 && loud.stdout == "added list be\n", "\(loud.stderr)")
        let quiet = try Binaries.ctl(["-q", "--config", sandbox.config, "list", "add", "es"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
    }

    @Test func aCommandThrowsItsErrorInProcessInsteadOfExiting() async throws {
        let sandbox = Sandbox()
        let command = try Relaisctl.parseAsRoot(["member", "show", "nobody@example.org", "--config", sandbox.config])
        do {
            try await Relaisctl.run(command)
            Issue.record("expected an error")
        } catch {
            let report = CLI.report(error)
            #expect(report?.code == 65)
            #expect(report?.lines == ["relaisctl: no member with address nobody@example.org"])
        }
    }

    @Test func anUnknownConfigurationThrowsExit78InProcess() async throws {
        let command = try Relaisctl.parseAsRoot(["--config", "/nonexistent/relais.yaml", "status"])
        await #expect(throws: (any Error).self) { try await Relaisctl.run(command) }
        do { try await Relaisctl.run(command) } catch { #expect(CLI.report(error)?.code == 78) }
    }
}

import ArgumentParser
import Foundation
import Relais

/// `relaisctl`: the coordinator's and administrator's tool.
@main
struct Relaisctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relaisctl",
        abstract: "Control Relais: members, events, announcements, previews and the delivery queue.",
        discussion: "relaisctl works whether or not relaisd runs: it writes to the shared database, and the daemon notices within a second. Exit codes follow sysexits(3): 64 usage, 65 bad data, 66 missing input, 69 unavailable, 75 temporary failure, 77 permission, 78 configuration.",
        version: RelaisVersion.current,
        subcommands: [ConfigCommand.self, MemberCommand.self, ListCommand.self, EventCommand.self, RRuleCommand.self, AnnounceCommand.self, SendTestCommand.self, QueueCommand.self, StatusCommand.self, PreviewCommand.self, TemplatesCommand.self, DKIMCommand.self, BounceCommand.self, StoreCommand.self]
    )

    @OptionGroup var global: GlobalOptions

    /// Parses, runs, and is the only place that exits: a ``SysexitsError`` becomes one
    /// `relaisctl: …` line per line of its description and its code; any other error that is
    /// not argument-parser's own becomes one line and 70.
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            try await run(command)
        } catch {
            guard let (lines, code) = CLI.report(error) else { exit(withError: error) }
            for line in lines { CLI.printError(line) }
            Foundation.exit(code)
        }
    }

    /// Runs a parsed command in-process, throwing what it throws (tests call this).
    static func run(_ command: any ParsableCommand) async throws {
        var command = command
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }
}

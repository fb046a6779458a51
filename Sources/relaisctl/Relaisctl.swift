import ArgumentParser
import Relais

/// `relaisctl`: the coordinator's and administrator's tool.
@main
struct Relaisctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relaisctl",
        abstract: "Control Relais: members, events, announcements, previews and the delivery queue.",
        discussion: "relaisctl works whether or not relaisd runs: it writes to the shared database, and the daemon notices within a second. Exit codes follow sysexits(3): 64 usage, 65 bad data, 66 missing input, 69 unavailable, 75 temporary failure, 77 permission, 78 configuration.",
        version: RelaisVersion.current,
        subcommands: [ConfigCommand.self, MemberCommand.self, EventCommand.self, RRuleCommand.self, AnnounceCommand.self, SendTestCommand.self, QueueCommand.self, StatusCommand.self, PreviewCommand.self, TemplatesCommand.self]
    )
}

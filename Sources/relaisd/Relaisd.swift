import ArgumentParser
import Foundation
import Logging
import Relais
import RelaisDaemon

/// `relaisd`: the Relais daemon. Plans reminders and announcements, composes and delivers them.
@main
struct Relaisd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relaisd",
        abstract: "The Relais daemon: schedules and delivers reminders, announcements and newsletters.",
        discussion: "Runs in the foreground; under systemd as a Type=notify service. SIGTERM stops it cleanly, SIGHUP reloads the configuration and templates.",
        version: RelaisVersion.current
    )

    @Option(help: ArgumentHelp("Configuration file (default: $RELAIS_CONFIG, else /etc/relais/relais.yaml).", valueName: "path"))
    var config: String?

    @Flag(help: "Plan and deliver everything due now, then exit.")
    var once = false

    func run() async throws {
        let code = await Daemon.main(configPath: config, once: once)
        if code != 0 { throw ExitCode(code) }
    }
}

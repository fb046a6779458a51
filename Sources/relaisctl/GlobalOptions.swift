import ArgumentParser
import Foundation
import Relais

/// Options every command takes, before or after any subcommand name.
///
/// The root command declares this group, so its parser takes `--config`, `--json`, `-q` and
/// `--utc` wherever they appear; each subcommand that also declares it receives the same
/// decoded value (argument-parser passes an option group decoded by a parent to its children).
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file (default: $RELAIS_CONFIG, else /etc/relais/relais.yaml).", valueName: "path"))
    var config: String?

    @Flag(name: .long, help: "Print JSON (listings are arrays; times are UTC ISO 8601).")
    var json = false

    @Flag(name: [.short, .long], help: "Print nothing when a change succeeds (errors are still printed).")
    var quiet = false

    @Flag(name: .long, help: "Show times in UTC instead of schedule.timezone (or the system's zone).")
    var utc = false

    /// Prints the one line that says what a command changed, unless `-q`.
    func say(_ line: String) {
        if !quiet { print(line) }
    }

    /// The zone times are shown in: UTC with `--utc`, else `schedule.timezone`, else the system's.
    func displayZone(_ configuration: RelaisConfiguration) -> TimeZone {
        if utc { return TimeZone(identifier: "UTC")! }
        return configuration.timeZone ?? TimeZone.current
    }

    /// An instant for people: `2027-03-28T01:30:00Z` with `--utc`, else `Sun 2027-03-28 03:30 +02:00`.
    func show(_ date: Date, _ configuration: RelaisConfiguration) -> String {
        utc ? Timestamps.utc(date) : WallClockText.describe(date, in: displayZone(configuration))
    }
}

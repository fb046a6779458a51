import ArgumentParser
import Foundation
import Recurrence
import Relais

/// `relaisctl rrule …`
struct RRuleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rrule",
        abstract: "Check recurrence rules.",
        subcommands: [Expand.self]
    )

    @OptionGroup var global: GlobalOptions

    /// `relaisctl rrule expand`: the occurrences of a rule in a zone.
    struct Expand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Expand an RFC 5545 RRULE in a time zone.",
            discussion: "Prints one occurrence per line: weekday, local date and time, and the UTC offset (Tue 2026-03-03 08:30 +01:00). With --json, a JSON array of UTC instants (\"2026-03-03T07:30:00Z\"). The start always counts as the first occurrence. A local time in a spring gap moves forward by the gap; an ambiguous one takes the first instant."
        )

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The rule, e.g. FREQ=MONTHLY;BYDAY=1TU.", valueName: "rrule")) var rule: String
        @Option(help: ArgumentHelp("The first occurrence, local: YYYY-MM-DDTHH:MM[:SS].", valueName: "local")) var start: String
        @Option(name: .customLong("tz"), help: ArgumentHelp("IANA time zone, e.g. Europe/Brussels.", valueName: "zone")) var timeZone: String
        @Option(name: .customLong("exdate"), help: ArgumentHelp("A local time to leave out (repeatable).", valueName: "local")) var exdates: [String] = []
        @Option(name: .customLong("rdate"), help: ArgumentHelp("A local time to add (repeatable).", valueName: "local")) var rdates: [String] = []
        @Option(help: "How many occurrences at most (the rule's COUNT/UNTIL still apply).") var limit = 10

        func run() async throws {
            let (set, zone) = try recurrenceSet()
            let occurrences = Array(set.occurrences().prefix(limit))
            if global.json {
                try CLI.printJSON(occurrences.map { Timestamps.utc($0.start) })
            } else {
                for occurrence in occurrences { print(WallClockText.describe(occurrence.start, in: zone)) }
            }
        }

        private func recurrenceSet() throws -> (RecurrenceSet, TimeZone) {
            guard limit >= 1 else { throw InputError("invalid --limit \(limit): expected 1 or more") }
            let zone: TimeZone
            let rule: RecurrenceRule
            do { zone = try TimeZoneLookup.zone(named: timeZone) } catch { throw InputError(error.description) }
            do { rule = try RecurrenceRule(parsing: self.rule.trimmingCharacters(in: .whitespaces)) } catch {
                throw InputError(error.description)
            }
            let start = try EventValidator.parseLocal(start, option: "--start")
            var exdates: [LocalDateTime] = []
            for text in self.exdates { exdates.append(try EventValidator.parseLocal(text, option: "--exdate")) }
            var rdates: [LocalDateTime] = []
            for text in self.rdates { rdates.append(try EventValidator.parseLocal(text, option: "--rdate")) }
            return (RecurrenceSet(start: start, zone: zone, rule: rule, rdates: rdates, exdates: exdates), zone)
        }
    }
}

import ArgumentParser
import Foundation
import Recurrence
import Relais
import Store

/// `relaisctl event …`
struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Add, change and cancel meetups and their reminders.",
        subcommands: [Add.self, List.self, Show.self, Occurrences.self, Attendees.self, Cancel.self, Move.self, Update.self, Remove.self]
    )

    @OptionGroup var global: GlobalOptions

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an event (one meetup, or a series with --rule); prints its id.",
            discussion: "Example: relaisctl event add --title fr=Petit-déjeuner --title en=Breakfast --start 2026-03-03T08:30 --tz Europe/Brussels --rule 'FREQ=MONTHLY;BYDAY=1TU' --duration 90m --list be --remind 7d --remind 1d. Reminder offsets: d and w keep the wall-clock time (1d before 19:00 is 19:00 the day before), h and m are exact."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: EventOptions

        func run() async throws {
            let context = try await global.context()
            var changes = options.changes
            if changes.timeZone == nil { changes.timeZone = context.configuration.timeZone?.identifier }
            let event = try context.eventCatalog().add(changes)
            print(event.id!)
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an event; every change bumps its sequence number (calendar updates).",
            discussion: "Titles and descriptions are changed per locale (--description fr= removes one); --list and --remind replace all lists and reminders; an empty --rule, --location or --url removes it. Cancelled and moved occurrences that are no longer occurrences of a changed series are dropped."
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's id.") var id: Int64
        @OptionGroup var options: EventOptions

        func run() async throws {
            let context = try await global.context()
            let event = try context.eventCatalog().update(id: id, options.changes)
            global.say("updated event \(id) (sequence \(event.sequence))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List events with their next occurrence.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = try await global.context()
            let schedules = try context.eventCatalog().schedules()
            let now = Date()
            if global.json {
                try CLI.printJSON(schedules.map { EventJSON($0, now: now) })
            } else {
                let locale = context.configuration.sender.defaultLocale
                CLI.printTable(
                    ["ID", "NEXT", "TITLE", "REPEATS", "LISTS", "STATUS"],
                    schedules.map { schedule in
                        let next = schedule.occurrences(from: now).first { _ in true }
                        return [
                            String(schedule.id),
                            next.map { WallClockText.describe($0.start, in: schedule.zone) } ?? "-",
                            LocalizedText.text(schedule.event.titles, for: locale, defaultLocale: locale),
                            schedule.event.rule ?? "once",
                            schedule.event.lists.joined(separator: ","),
                            schedule.isCancelled ? "cancelled" : "active",
                        ]
                    })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one event.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's id.") var id: Int64

        func run() async throws {
            let context = try await global.context()
            let schedule = try context.eventCatalog().schedule(id: id)
            if global.json {
                try CLI.printJSON(EventJSON(schedule, now: Date()))
            } else {
                let now = Date()
                var answers: (yes: Int, no: Int)?
                if let next = schedule.occurrences(from: now).first(where: { _ in true }) {
                    let given = try context.store.rsvpAnswers(eventId: id, occurrence: next.original.description)
                    answers = (given.count { $0.answer == .yes }, given.count { $0.answer == .no })
                }
                EventText.print(schedule, now: now, answers: answers)
            }
        }
    }

    struct Occurrences: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The next occurrences of an event, with their reminder times.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's id.") var id: Int64
        @Option(help: "How many occurrences at most.") var limit = 10

        func run() async throws {
            let context = try await global.context()
            if limit < 1 { throw InputError("invalid --limit \(limit): expected 1 or more") }
            let schedule = try context.eventCatalog().schedule(id: id)
            let occurrences = Array(schedule.occurrences(from: Date()).prefix(limit))
            if global.json {
                try CLI.printJSON(occurrences.map { OccurrenceJSON($0, schedule: schedule) })
                return
            }
            for occurrence in occurrences {
                var line = WallClockText.describe(occurrence.start, in: schedule.zone)
                if occurrence.isMoved { line += "  (moved from \(occurrence.original))" }
                print(line)
                for offset in schedule.offsets {
                    let due = offset.dueDate(local: occurrence.local, start: occurrence.start, zone: schedule.zone)
                    print("  \(offset.description.padding(toLength: 4, withPad: " ", startingAt: 0))  \(WallClockText.describe(due, in: schedule.zone))")
                }
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel one occurrence, or the whole series.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's id.") var id: Int64
        @Option(help: ArgumentHelp("Only this occurrence: its local start, YYYY-MM-DDTHH:MM.", valueName: "local")) var occurrence: String?

        func run() async throws {
            let context = try await global.context()
            try context.eventCatalog().cancel(id: id, occurrence: occurrence)
            global.say(occurrence.map { "cancelled the occurrence \($0) of event \(id)" } ?? "cancelled event \(id) (every occurrence)")
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move one occurrence to another local time (moving it back to its own time restores it).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's id.") var id: Int64
        @Option(help: ArgumentHelp("The occurrence: its original local start, YYYY-MM-DDTHH:MM.", valueName: "local")) var occurrence: String
        @Option(help: ArgumentHelp("Its new local start, YYYY-MM-DDTHH:MM, in the event's zone.", valueName: "local")) var to: String

        func run() async throws {
            let context = try await global.context()
            try context.eventCatalog().move(id: id, occurrence: occurrence, to: to)
            global.say("moved the occurrence \(occurrence) of event \(id) to \(to)")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an event and its exceptions (cancel it to tell people instead).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's id.") var id: Int64

        func run() async throws {
            let context = try await global.context()
            try context.eventCatalog().remove(id: id)
            global.say("removed event \(id)")
        }
    }
}

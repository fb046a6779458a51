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
            try await global.withSession { session in
                let configuration = session.configuration
                var changes = options.changes
                if changes.timeZone == nil { changes.timeZone = configuration.timeZone?.identifier }
                let event = try await session.run { [changes] store in try EventCatalog(configuration: configuration, store: store).add(changes) }
                print(event.id)
                // stdout stays the id alone (scripts read it); the reminders decided go to stderr.
                let late = try await session.run { store in try EventCommand.lateReminders(event.id, configuration, store) }
                for line in late where !global.quiet { CLI.printError(line) }
            }
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

        @Flag(help: "Do not tell the event's lists when the next occurrence's time or place changes.") var noNotify = false

        func run() async throws {
            try await global.withSession { session in
                let configuration = session.configuration, id = id, changes = options.changes, noNotify = noNotify
                let (event, notice) = try await session.run { store in
                    let catalog = try EventCatalog(configuration: configuration, store: store)
                    let before = try catalog.schedule(id: id)
                    let notifier = noNotify ? nil : try EventNotifier(configuration: configuration, store: store)
                    // The change and its notice are written together, or neither.
                    return try store.inOneTransaction {
                        let event = try catalog.update(id: id, changes)
                        return (event, try notifier?.updated(before: before, after: catalog.schedule(id: id)))
                    }
                }
                global.say("updated event \(id) (sequence \(event.sequence))")
                let late = try await session.run { store in try EventCommand.lateReminders(id, configuration, store) }
                for line in late { global.say(line) }
                if let notice { global.say(EventCommand.told([notice], what: "meetup-changed")) }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List events with their next occurrence.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.withSession { session in try await list(session) }
        }

        private func list(_ session: StoreSession) async throws {
            let configuration = session.configuration
            let schedules = try await session.run { store in try EventCatalog(configuration: configuration, store: store).schedules() }
            let now = Date()
            if global.json {
                try CLI.printJSON(schedules.map { EventJSON($0, now: now) })
            } else {
                let locale = configuration.sender.defaultLocale
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
            try await global.withSession { session in
                let configuration = session.configuration, id = id
                let schedule = try await session.run { store in try EventCatalog(configuration: configuration, store: store).schedule(id: id) }
                if global.json {
                    try CLI.printJSON(EventJSON(schedule, now: Date()))
                } else {
                    let now = Date()
                    var answers: (yes: Int, no: Int)?
                    if let next = schedule.occurrences(from: now).first(where: { _ in true }) {
                        let occurrence = next.original.description
                        let given = try await session.run { store in try store.rsvpAnswers(eventId: id, occurrence: occurrence) }
                        answers = (given.count { $0.answer == .yes }, given.count { $0.answer == .no })
                    }
                    EventText.print(schedule, now: now, answers: answers)
                }
            }
        }
    }

    struct Occurrences: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The next occurrences of an event, with their reminder times.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's id.") var id: Int64
        @Option(help: "How many occurrences at most.") var limit = 10

        func run() async throws {
            try await global.withSession { session in try await occurrences(session) }
        }

        private func occurrences(_ session: StoreSession) async throws {
            if limit < 1 { throw InputError("invalid --limit \(limit): expected 1 or more") }
            let configuration = session.configuration, id = id
            let schedule = try await session.run { store in try EventCatalog(configuration: configuration, store: store).schedule(id: id) }
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

        @Flag(help: "Do not tell the event's lists (by default each member gets a cancellation, with METHOD:CANCEL, for every occurrence she was told about).") var noNotify = false

        func run() async throws {
            let notices = try await global.withSession { session in
                let configuration = session.configuration, id = id, occurrence = occurrence, noNotify = noNotify
                return try await session.run { store in
                    let catalog = try EventCatalog(configuration: configuration, store: store)
                    let before = try catalog.schedule(id: id)
                    let notifier = try EventNotifier(configuration: configuration, store: store)
                    // The cancellation, the withdrawn messages and the notices: one transaction, so a
                    // failure leaves the event as it was and nobody told.
                    return try store.inOneTransaction {
                        let original = try catalog.cancel(id: id, occurrence: occurrence)
                        try notifier.withdrawContradicted(eventId: id, occurrence: original)
                        return noNotify ? nil : try notifier.cancelled(before: before, occurrence: original)
                    }
                }
            }
            global.say(occurrence.map { "cancelled the occurrence \($0) of event \(id)" } ?? "cancelled event \(id) (every occurrence)")
            if let notices { global.say(EventCommand.told(notices, what: "cancellation")) }
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move one occurrence to another local time (moving it back to its own time restores it).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's id.") var id: Int64
        @Option(help: ArgumentHelp("The occurrence: its original local start, YYYY-MM-DDTHH:MM.", valueName: "local")) var occurrence: String
        @Option(help: ArgumentHelp("Its new local start, YYYY-MM-DDTHH:MM, in the event's zone.", valueName: "local")) var to: String

        @Flag(help: "Do not tell the event's lists (by default they get a meetup-changed message naming the old and new time).") var noNotify = false

        func run() async throws {
            try await global.withSession { session in
                let configuration = session.configuration, id = id, occurrence = occurrence, to = to, noNotify = noNotify
                let notice = try await session.run { store in
                    let catalog = try EventCatalog(configuration: configuration, store: store)
                    let before = try catalog.schedule(id: id)
                    let notifier = noNotify ? nil : try EventNotifier(configuration: configuration, store: store)
                    // The move and its notice are written together, or neither.
                    return try store.inOneTransaction {
                        let original = try catalog.move(id: id, occurrence: occurrence, to: to)
                        return try notifier?.changed(before: before, after: catalog.schedule(id: id), original: original)
                    }
                }
                global.say("moved the occurrence \(occurrence) of event \(id) to \(to)")
                let late = try await session.run { store in try EventCommand.lateReminders(id, configuration, store) }
                for line in late { global.say(line) }
                if let notice { global.say(EventCommand.told([notice], what: "meetup-changed")) }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an event and its exceptions (cancel it to tell people instead).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The event's id.") var id: Int64

        func run() async throws {
            try await global.withSession { session in
                let configuration = session.configuration, id = id
                try await session.run { store in try EventCatalog(configuration: configuration, store: store).remove(id: id) }
            }
            global.say("removed event \(id)")
        }
    }

    /// The line saying how many members' messages a change queued.
    static func told(_ notices: [EventNotifier.Notice], what: String) -> String {
        let messages = notices.reduce(0) { $0 + $1.messages }
        // As the operator writes them (2050-03-01T08:30): the stored form's ":00" seconds dropped.
        let occurrences = notices.map { $0.occurrence.hasSuffix(":00") && $0.occurrence.count == 19 ? String($0.occurrence.dropLast(3)) : $0.occurrence }
            .joined(separator: ", ")
        return notices.isEmpty
            ? "told nobody: no occurrence to come"
            : "queued \(messages) \(what) message\(messages == 1 ? "" : "s") (\(notices.count == 1 ? "occurrence" : "occurrences") \(occurrences))"
    }

    /// Decides the reminders of event `id` already due after a change (sent now within
    /// `schedule.lateness`, else skipped) and says which, one line each.
    static func lateReminders(_ id: Int64, _ configuration: RelaisConfiguration, _ store: any PlanningStore) throws -> [String] {
        let decisions = try LateReminders(
            store: store, identity: MessageIdentity(domain: configuration.sender.fromAddress.domain),
            lateness: configuration.lateness.timeInterval
        ).decide(eventId: id)
        let zone = configuration.timeZone ?? .current
        return decisions.map { decision in
            let occurrence = WallClockText.describe(decision.occurrenceStart, in: zone)
            let members = "\(decision.members) member\(decision.members == 1 ? "" : "s")"
            return decision.sent
                ? "reminder \(decision.offset) before \(occurrence): already due, sent now to \(members)"
                : "reminder \(decision.offset) before \(occurrence): due at \(WallClockText.describe(decision.dueAt, in: zone)), more than schedule.lateness ago: skipped for \(members)"
        }
    }
}

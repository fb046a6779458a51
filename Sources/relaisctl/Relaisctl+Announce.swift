import ArgumentParser
import Foundation
import Recurrence
import Relais
import Store
import Templates

/// `relaisctl announce TEMPLATE --list LIST… [--at LOCAL --tz ZONE] [--data LOCALE=FILE.json…] [--fallback]`
struct AnnounceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "announce",
        abstract: "Queue a message (newsletter, announcement) to every member of some lists, now or at a set time.",
        discussion: "Prints the announcement id and how many messages it queued (or, with --at, how many members it would reach now). Members who unsubscribed or bounced are left out. Kinds about a meetup (their manifest says \"audience\": \"event-lists\": meetup-announcement, meetup-cancelled, meetup-changed) need --event: the message then carries that occurrence and its calendar file, and goes to the event's lists unless --list is given. A cancelled occurrence is never announced (exit 65), and a cancellation is only sent about a cancelled one.\n\nEvery member gets the whole message in one language. When some member's language has no data (or the template no file for it), announce refuses and names the languages and how many members each concerns; --fallback sends those members the whole message in the default locale. A template that needs data (newsletter: title and paragraphs) is refused without --data."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The template kind, e.g. newsletter or meetup-announcement.") var template: String
    @Option(name: .customLong("list"), help: "A list to send to (repeatable; default with --event: the event's lists).") var lists: [String] = []
    @Option(help: "The event the message is about (meetup templates).") var event: Int64?
    @Option(help: ArgumentHelp("With --event: the occurrence, by its original local start (default: the next one).", valueName: "local")) var occurrence: String?
    @Option(help: ArgumentHelp("When to send, local time YYYY-MM-DDTHH:MM[:SS] (default: now).", valueName: "local")) var at: String?
    @Option(help: ArgumentHelp("The time zone of --at, e.g. Europe/Brussels (default: schedule.timezone).", valueName: "zone")) var tz: String?
    @Option(help: ArgumentHelp("LOCALE=FILE.json, repeated, one per language: a JSON object with the template's data (title, paragraphs…) in that language. A FILE.json without LOCALE= is in the default locale. Each member gets her language's data and template, never a mix.", valueName: "locale=file.json")) var data: [String] = []
    @Flag(help: "Send members whose language has no data (or no template) the whole message in the default locale, instead of refusing.") var fallback = false

    func validate() throws {
        if lists.isEmpty && event == nil { throw ValidationError("at least one --list is required") }
        if occurrence != nil && event == nil { throw ValidationError("--occurrence goes with --event") }
        if tz != nil && at == nil { throw ValidationError("--tz goes with --at") }
    }

    func run() async throws {
        try await global.withSession { session in
            let command = self
            let announcement = try await session.run { store in try command.announce(session.configuration, store: store) }
            try say(announcement, configuration: session.configuration)
        }
    }

    /// Checks the request and creates the announcement (queued at once when due), on the store's thread.
    private func announce(_ configuration: RelaisConfiguration, store: any OperatorStore) throws -> Stored<Announcement> {
        let memberValidator = MemberValidator(locales: configuration.sender.locales)
        for list in lists { try MemberValidator.validateListName(list) }
        let known = Set(try store.listNames())
        if let unknown = lists.first(where: { !known.contains($0) }) { throw InputError("no list named \"\(unknown)\"") }
        try TemplateNames.check(template, in: configuration.templatesDirectory)
        var dueAt = Date()
        if let at {
            let zone: TimeZone
            if let tz {
                zone = try TimeZoneLookup.zone(named: tz)
            } else if let configured = configuration.timeZone {
                zone = configured
            } else {
                throw InputError("--at needs --tz ZONE (or schedule.timezone in the configuration)", exitCode: Sysexits.usage)
            }
            dueAt = try LocalDateTime(parsing: at).instant(in: zone)
        }
        let sender = configuration.sender
        let payload = try AnnouncementData.read(data, validator: memberValidator, defaultLocale: sender.defaultLocale)
        let catalog = try TemplateCatalog(
            directory: URL(fileURLWithPath: configuration.templatesDirectory), locales: sender.locales,
            defaultLocale: sender.defaultLocale)
        let manifest = catalog.manifest(of: template)
        try AnnouncementCheck.requiredData(manifest, template: template, stored: payload)
        try AnnouncementCheck.audience(manifest, template: template, event: event, lists: lists)
        var lists = lists
        var original: String?
        if let event {
            let schedule = try Self.schedule(id: event, in: store)
            original = try Self.occurrence(occurrence, of: schedule, after: dueAt)
            try AnnouncementCheck.calendar(manifest, template: template, schedule: schedule, occurrence: original!)
            if lists.isEmpty { lists = schedule.event.lists }
        }
        try AnnouncementCheck.languages(
            memberLocales: try store.activeMembers(inLists: lists).map(\.locale), template: template, stored: payload,
            composer: MessageComposer(sender: sender, catalog: catalog), fallback: fallback)
        let queuer = AnnouncementQueuer(identity: MessageIdentity(domain: configuration.sender.fromAddress.domain))
        return try queuer.announce(
            template: template, lists: lists, data: payload, at: dueAt, store: store, eventId: event, occurrence: original)
    }

    /// Prints what was created: its id and how many messages it queued, or will queue.
    private func say(_ announcement: Stored<Announcement>, configuration: RelaisConfiguration) throws {
        let queued = announcement.state == .queued
        if global.json {
            try CLI.printJSON(AnnouncementJSON(id: announcement.id, state: announcement.state.rawValue, due_at: announcement.dueAt, messages: announcement.queuedCount))
        } else if queued {
            global.say("announcement \(announcement.id): queued \(Self.messages(announcement.queuedCount))")
        } else {
            global.say("announcement \(announcement.id): will queue \(Self.messages(announcement.queuedCount)) at \(global.show(announcement.dueAt, configuration))")
        }
    }

    /// "1 message", "2 messages".
    static func messages(_ count: Int) -> String {
        "\(count) message\(count == 1 ? "" : "s")"
    }

    /// The schedule of event `id`, whichever backend holds it.
    static func schedule(id: Int64, in store: any OperatorStore) throws -> EventSchedule {
        guard let stored = try store.event(id: id) else { throw StoreError(.notFound, "no event with id \(id)") }
        return try EventSchedule(stored)
    }

    /// The occurrence's original local start: the one named (which must belong to the series), or the next after `date`.
    static func occurrence(_ text: String?, of schedule: EventSchedule, after date: Date) throws -> String {
        if let text {
            let local = try LocalDateTime(parsing: text)
            guard let found = schedule.seriesOccurrence(at: local) else {
                throw InputError("--occurrence \(local): not an occurrence of event \(schedule.id) (see: relaisctl event occurrences \(schedule.id))")
            }
            return found.local.description
        }
        guard let next = schedule.occurrences(from: date).first(where: { _ in true }) else {
            throw InputError("event \(schedule.id) has no occurrence after \(Timestamps.utc(date)); give --occurrence")
        }
        return next.original.description
    }

    struct AnnouncementJSON: Encodable {
        var id: Int64
        var state: String
        var due_at: Date
        var messages: Int
    }
}

import ArgumentParser
import Foundation
import Relais
import Store
import Templates

/// `relaisctl preview TEMPLATE --locale LOCALE …` and `preview TEMPLATE --all-locales --out DIR`.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show a message exactly as it would be sent, in one language or in all of them side by side.",
        discussion: "No daemon needed. Sample data fills what is not given (a sample member, a breakfast in Brussels, a sample newsletter), so every template previews on a fresh install.\n\nExamples:\n  relaisctl preview meetup-reminder --locale de\n  relaisctl preview newsletter --member ana@example.org --data es=marzo.json --format eml > marzo.eml\n  relaisctl preview meetup-reminder --all-locales --out /tmp/preview  (then open /tmp/preview/index.html)"
    )

    /// What to print for a single locale.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case summary, eml, text, html
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The template kind, e.g. meetup-reminder or newsletter.") var template: String
    @Option(help: ArgumentHelp("The reader's locale, e.g. fr, fr-BE, de (default: the member's).", valueName: "locale")) var locale: String?
    @Option(help: ArgumentHelp("Address the message to this member (her name, locale and unsubscribe link).", valueName: "email")) var member: String?
    @Option(help: ArgumentHelp("Use this event's next occurrence instead of the sample event.", valueName: "id")) var event: Int64?
    @Option(help: ArgumentHelp("LOCALE=FILE.json, repeated, as for announce: the template's data (title, intro, paragraphs…) in that language; FILE.json alone is in the default locale. A language without data previews as its members would get it: wholly in the default locale.", valueName: "locale=file.json")) var data: [String] = []
    @Option(help: ArgumentHelp("With --event: the occurrence, by its original local start (default: the next one).", valueName: "local")) var occurrence: String?
    @Option(help: ArgumentHelp("With --event and --member: the reminder this offset before the occurrence makes (its Date is the reminder's due time).", valueName: "offset")) var remind: String?
    @Option(help: ArgumentHelp("With --member: her message of this announcement (queued, or waiting for its --at time), as the daemon composes it.", valueName: "id")) var announcement: Int64?
    @Option(help: ArgumentHelp("The Message-ID to give the message (a queue row's, to see its exact bytes).", valueName: "<id@domain>")) var messageId: String?
    @Option(help: ArgumentHelp("The Date of the message, UTC (2026-03-03T07:30:00Z) or local time in schedule.timezone (default: now; a reminder's due time; an announcement's).", valueName: "when")) var date: String?
    @Option(help: "summary (headers, text part, calendar in words), eml (the exact bytes), text or html.") var format: Format = .summary
    @Flag(help: "Preview every configured locale (with --out).") var allLocales = false
    @Option(help: ArgumentHelp("With --all-locales: write <locale>.eml files and index.html here.", valueName: "dir")) var out: String?

    func validate() throws {
        if allLocales {
            if out == nil { throw ValidationError("--all-locales needs --out DIR") }
            if locale != nil { throw ValidationError("--locale and --all-locales exclude each other") }
        } else {
            if out != nil { throw ValidationError("--out goes with --all-locales") }
            if locale == nil, member == nil { throw ValidationError("give --locale (or --member, or --all-locales --out DIR)") }
        }
        if occurrence != nil, event == nil { throw ValidationError("--occurrence goes with --event") }
        if remind != nil, event == nil || member == nil { throw ValidationError("--remind goes with --event and --member") }
        if announcement != nil {
            if member == nil { throw ValidationError("--announcement goes with --member") }
            if event != nil || !data.isEmpty { throw ValidationError("--announcement takes its event and data from the announcement: no --event or --data") }
        }
        if allLocales, messageId != nil || date != nil || remind != nil || announcement != nil {
            throw ValidationError("--message-id, --date, --remind and --announcement preview one message: not with --all-locales")
        }
    }

    func run() async throws {
        let configuration = try await global.configuration()
        // What needs no store is checked before any database is opened.
        try TemplateNames.check(template, in: configuration.templatesDirectory)
        try checkLocale(configuration)
        // A member or an event is read from the store (SQLite or PostgreSQL); sample data needs none.
        guard member != nil || event != nil else {
            return try preview(configuration, store: nil)
        }
        let command = self
        try await global.withSession { session in
            let configuration = session.configuration
            try await session.run { store in try command.preview(configuration, store: store) }
        }
    }

    /// Composes and prints (or writes) the preview, reading the member, event and announcement
    /// from `store` when given; on the store's thread, since the store's calls block.
    private func preview(_ configuration: RelaisConfiguration, store: (any OperatorStore)?) throws {
        let sender = configuration.sender
        let catalog = try TemplateCatalog(
            directory: URL(fileURLWithPath: configuration.templatesDirectory), locales: sender.locales, defaultLocale: sender.defaultLocale
        )
        let composer = MessageComposer(sender: sender, catalog: catalog)
        let inputs = try readInputs(configuration, store: store)
        let builder = MessagePreview(sender: sender)
        let now = Date()
        func compose(_ locale: String) throws -> ComposedMessage {
            var recipient = inputs.recipient
            recipient?.locale = locale
            let request = builder.request(
                template: template, locale: locale, recipient: recipient, event: inputs.event, data: inputs.data,
                listName: inputs.listName, now: now
            )
            return try composer.compose(request)
        }

        if allLocales, let out {
            var entries: [PreviewPage.Entry] = []
            try createDirectory(out)
            for locale in sender.locales {
                let message = try compose(locale)
                let entry = PreviewPage.Entry(
                    locale: locale, file: "\(locale).eml", calendarFile: message.calendar == nil ? nil : "\(locale).ics", message: message)
                try write(Data(message.bytes), to: (out as NSString).appendingPathComponent(entry.file))
                if let calendar = message.calendar, let file = entry.calendarFile {
                    try write(Data(calendar.utf8), to: (out as NSString).appendingPathComponent(file))
                }
                entries.append(entry)
            }
            try write(Data(PreviewPage.html(template: template, entries: entries).utf8), to: (out as NSString).appendingPathComponent("index.html"))
            let files = entries.flatMap { [$0.file] + ($0.calendarFile.map { [$0] } ?? []) }
            print("wrote \(files.joined(separator: ", ")) and index.html to \(out)")
            return
        }

        let reader = locale ?? inputs.recipient?.locale ?? sender.defaultLocale
        let language = composer.language(template: template, locale: reader, data: inputs.data ?? [:])
        if language.isFallback, LocaleTag(reader)?.language != LocaleTag(language.locale)?.language {
            let missingTemplate = composer.language(template: template, locale: reader, data: [:]).isFallback
            CLI.printError("note: no \(missingTemplate ? "template file" : "data") in \(reader): its members get the whole message in \(language.locale)")
        }
        let message = try store.flatMap { try composeAsSent(configuration, catalog: catalog, inputs: inputs, store: $0) } ?? compose(reader)
        switch format {
        case .eml:
            FileHandle.standardOutput.write(Data(message.bytes))
        case .text:
            print(message.rendered.text, terminator: message.rendered.text.hasSuffix("\n") ? "" : "\n")
        case .html:
            print(message.rendered.html, terminator: message.rendered.html.hasSuffix("\n") ? "" : "\n")
        case .summary:
            print(MessageHeaders.headerBlock(of: Data(message.bytes)))
            print()
            print(message.rendered.text, terminator: message.rendered.text.hasSuffix("\n") ? "" : "\n")
            if let calendar = message.calendar {
                print()
                for (name, value) in CalendarText(calendar).summary {
                    print("calendar \(name.lowercased()): \(value.replacingOccurrences(of: "\n", with: " "))")
                }
            }
        }
    }

    /// The member, event and data given on the command line, read and checked.
    struct PreviewInputs {
        var recipient: MessagePreview.Recipient?
        var event: CalendarInfo?
        var data: [String: TemplateValue]?
        var listName: String?
        /// The member as stored (with `--member`).
        var member: Stored<Member>?
        /// The event's schedule and the occurrence previewed (with `--event`).
        var schedule: EventSchedule?
        var occurrence: EventOccurrence?
        /// `--data` as `announce` stores it.
        var storedData: Data?
    }

    /// `--locale`, when given, must be one of `sender.locales` (or a regional form of one).
    func checkLocale(_ configuration: RelaisConfiguration) throws {
        let locales = configuration.sender.locales
        guard let locale else { return }
        guard let tag = LocaleTag(locale), tag.isSupported(by: locales) else {
            throw InputError("unknown locale \"\(locale.visibleControlCharacters)\": configured locales are \(locales.joined(separator: ", "))")
        }
    }

    /// Reads `--data`, and `--member` and `--event` from `store` (given whenever they are).
    func readInputs(_ configuration: RelaisConfiguration, store: (any OperatorStore)?) throws -> PreviewInputs {
        var inputs = PreviewInputs()
        let sender = configuration.sender
        if let stored = try AnnouncementData.read(data, validator: MemberValidator(locales: sender.locales), defaultLocale: sender.defaultLocale) {
            inputs.data = try TemplateData.decode(stored, source: "--data")
            inputs.storedData = stored
        }
        if let store {
            if let member {
                guard let listing = try store.member(email: member) else {
                    throw InputError("unknown member \"\(member.visibleControlCharacters)\" (see relaisctl member list)")
                }
                let record = listing.member
                inputs.recipient = MessagePreview.Recipient(
                    name: record.name, email: record.email, locale: locale ?? record.locale, unsubscribeToken: record.unsubscribeToken
                )
                inputs.listName = listing.lists.first
                inputs.member = record
            }
            if let event {
                guard let stored = try store.event(id: event) else {
                    throw InputError("unknown event \(event) (see relaisctl event list)")
                }
                let schedule = try EventSchedule(stored)
                let occurrence = try self.occurrence.map { try Self.occurrence($0, of: schedule) } ?? nextOccurrence(schedule)
                inputs.event = CalendarInfo(schedule: schedule, occurrence: occurrence)
                inputs.schedule = schedule
                inputs.occurrence = occurrence
                inputs.listName = stored.event.lists.first ?? inputs.listName
            }
        }
        return inputs
    }

    /// The event's next occurrence (of the series itself when it is cancelled as a whole).
    func nextOccurrence(_ schedule: EventSchedule) throws -> EventOccurrence {
        let now = Date()
        if let next = schedule.occurrences(from: now).first(where: { _ in true }) { return next }
        if schedule.isCancelled, let next = schedule.recurrence.nextOccurrence(from: now) {
            return EventOccurrence(original: next.local, local: next.local, start: next.start, end: next.start.addingTimeInterval(TimeInterval(schedule.duration)))
        }
        throw InputError("event \(schedule.id) has no occurrence after now")
    }

    func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw InputError("cannot create the folder \(path)", exitCode: Sysexits.cantCreate)
        }
    }

    func write(_ data: Data, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw InputError("cannot write \(path)", exitCode: Sysexits.cantCreate)
        }
    }
}

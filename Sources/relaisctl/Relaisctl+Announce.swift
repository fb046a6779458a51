import ArgumentParser
import Foundation
import Recurrence
import Relais
import Store

/// `relaisctl announce TEMPLATE --list LIST… [--at LOCAL --tz ZONE] [--data FILE.json]`
struct AnnounceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "announce",
        abstract: "Queue a message (newsletter, announcement) to every member of some lists, now or at a set time.",
        discussion: "Prints the announcement id and how many messages it queued (or, with --at, how many members it would reach now). Members who unsubscribed or bounced are left out."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The template kind, e.g. newsletter or meetup-announcement.") var template: String
    @Option(name: .customLong("list"), help: "A list to send to (repeatable).") var lists: [String] = []
    @Option(help: ArgumentHelp("When to send, local time YYYY-MM-DDTHH:MM[:SS] (default: now).", valueName: "local")) var at: String?
    @Option(help: ArgumentHelp("The time zone of --at, e.g. Europe/Brussels.", valueName: "zone")) var tz: String?
    @Option(help: ArgumentHelp("A JSON object with the template's data (title, paragraphs…).", valueName: "file.json")) var data: String?
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if lists.isEmpty { throw ValidationError("at least one --list is required") }
        if (at == nil) != (tz == nil) { throw ValidationError("--at and --tz go together") }
    }

    func run() async throws {
        let context = try await global.context()
        let announcement = CLI.run {
            for list in lists { try MemberValidator.validateListName(list) }
            try TemplateNames.check(template, in: context.configuration.templatesDirectory)
            var dueAt = Date()
            if let at, let tz {
                let zone = try TimeZoneLookup.zone(named: tz)
                dueAt = try LocalDateTime(parsing: at).instant(in: zone)
            }
            var payload: Data?
            if let data {
                guard let bytes = FileManager.default.contents(atPath: data) else {
                    throw InputError("cannot read \(data)", exitCode: Sysexits.noInput)
                }
                guard (try? JSONSerialization.jsonObject(with: bytes)) is [String: Any] else {
                    throw InputError("\(data): expected a JSON object")
                }
                payload = bytes
            }
            let queuer = AnnouncementQueuer(identity: MessageIdentity(domain: context.configuration.sender.fromAddress.domain))
            return try queuer.announce(template: template, lists: lists, data: payload, at: dueAt, store: context.store)
        }
        let queued = announcement.state == .queued
        if json {
            CLI.printJSON(AnnouncementJSON(id: announcement.id ?? 0, state: announcement.state.rawValue, due_at: announcement.dueAt, messages: announcement.queuedCount))
        } else if queued {
            print("announcement \(announcement.id ?? 0): queued \(announcement.queuedCount) messages")
        } else {
            print("announcement \(announcement.id ?? 0): will queue \(announcement.queuedCount) messages at \(Timestamps.utc(announcement.dueAt))")
        }
    }

    struct AnnouncementJSON: Encodable {
        var id: Int64
        var state: String
        var due_at: Date
        var messages: Int
    }
}

import ArgumentParser
import Foundation
import Recurrence
import Relais
import Store

/// The options `event add` and `event update` share.
struct EventOptions: ParsableArguments {
    @Option(name: .customLong("title"), help: ArgumentHelp("The title in one locale, e.g. fr=Petit-déjeuner (repeatable).", valueName: "locale=text"))
    var titles: [String] = []
    @Option(help: ArgumentHelp("The (first) start, local time: YYYY-MM-DDTHH:MM.", valueName: "local")) var start: String?
    @Option(name: .customLong("tz"), help: ArgumentHelp("IANA time zone, e.g. Europe/Brussels.", valueName: "zone")) var timeZone: String?
    @Option(help: ArgumentHelp("RFC 5545 recurrence rule, e.g. FREQ=MONTHLY;BYDAY=1TU.", valueName: "rrule")) var rule: String?
    @Option(help: ArgumentHelp("How long it lasts: 90m, 2h, 1h30m (default 2h).", valueName: "duration")) var duration: String?
    @Option(name: .customLong("list"), help: ArgumentHelp("A list whose members are reminded (repeatable).", valueName: "list")) var lists: [String] = []
    @Option(name: .customLong("remind"), help: ArgumentHelp("A reminder offset: 7d, 1w, 2h, 30m (repeatable).", valueName: "offset"))
    var reminders: [String] = []
    @Option(help: ArgumentHelp("The reminder template (default meetup-reminder).", valueName: "kind")) var template: String?
    @Option(help: ArgumentHelp("Where it takes place.", valueName: "text")) var location: String?
    @Option(help: ArgumentHelp("An http(s) link for details or registration.", valueName: "url")) var url: String?
    @Option(name: .customLong("description"), help: ArgumentHelp("A description in one locale (repeatable).", valueName: "locale=text"))
    var descriptions: [String] = []

    /// What was given, for ``EventCatalog``.
    var changes: EventChanges {
        var changes = EventChanges()
        changes.titles = titles
        changes.descriptions = descriptions
        changes.start = start
        changes.timeZone = timeZone
        changes.rule = rule
        changes.duration = duration
        changes.lists = lists.isEmpty ? nil : lists
        changes.reminders = reminders.isEmpty ? nil : reminders
        changes.template = template
        changes.location = location
        changes.url = url
        return changes
    }
}

/// `event list --json` / `event show --json` objects.
struct EventJSON: Encodable {
    var id: Int64
    var uid: String
    var titles: [String: String]
    var descriptions: [String: String]
    var start: String
    var timeZone: String
    var rule: String?
    var duration: String
    var lists: [String]
    var reminders: [String]
    var template: String
    var location: String?
    var url: String?
    var sequence: Int
    var cancelled: Bool
    var exceptions: [ExceptionJSON]
    var next: Date?
    var createdAt: Date
    var updatedAt: Date

    struct ExceptionJSON: Encodable {
        var occurrence: String
        var movedTo: String?

        enum CodingKeys: String, CodingKey {
            case occurrence
            case movedTo = "moved_to"
        }
    }

    init(_ schedule: EventSchedule, now: Date) {
        let event = schedule.event
        id = schedule.id
        uid = event.uid
        titles = event.titles
        descriptions = event.descriptions
        start = event.startLocal
        timeZone = event.timeZone
        rule = event.rule
        duration = EventValidator.formatDuration(event.durationSeconds)
        lists = event.lists
        reminders = event.reminders
        template = event.template
        location = event.location
        url = event.url
        sequence = event.sequence
        cancelled = event.cancelled
        exceptions = schedule.cancelledOccurrences.sorted().map { ExceptionJSON(occurrence: $0.description, movedTo: nil) }
            + schedule.movedOccurrences.map { ExceptionJSON(occurrence: $0.original.description, movedTo: $0.local.description) }
        next = schedule.occurrences(from: now).first { _ in true }?.start
        createdAt = event.createdAt
        updatedAt = event.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, uid, titles, descriptions, start, rule, duration, lists, reminders, template, location, url
        case sequence, cancelled, exceptions, next
        case timeZone = "time_zone"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// `event occurrences --json` objects.
struct OccurrenceJSON: Encodable {
    var original: String
    var local: String
    var start: Date
    var end: Date
    var moved: Bool
    var reminders: [ReminderJSON]

    struct ReminderJSON: Encodable {
        var offset: String
        var due: Date
    }

    init(_ occurrence: EventOccurrence, schedule: EventSchedule) {
        original = occurrence.original.description
        local = occurrence.local.description
        start = occurrence.start
        end = occurrence.end
        moved = occurrence.isMoved
        reminders = schedule.offsets.map { offset in
            ReminderJSON(offset: offset.description, due: offset.dueDate(local: occurrence.local, start: occurrence.start, zone: schedule.zone))
        }
    }
}

/// `event show` for people.
enum EventText {
    static func print(_ schedule: EventSchedule, now: Date) {
        let event = schedule.event
        var rows: [(String, String)] = [("id", String(schedule.id)), ("uid", event.uid)]
        for (locale, title) in event.titles.sorted(by: { $0.key < $1.key }) { rows.append(("title[\(locale)]", title)) }
        rows.append(("start", "\(WallClockText.describe(schedule.recurrence.start.instant(in: schedule.zone), in: schedule.zone)) (\(event.timeZone))"))
        rows.append(("repeats", event.rule ?? "once"))
        rows.append(("duration", EventValidator.formatDuration(event.durationSeconds)))
        rows.append(("lists", event.lists.joined(separator: ", ")))
        rows.append(("reminders", event.reminders.isEmpty ? "none" : event.reminders.joined(separator: ", ")))
        rows.append(("template", event.template))
        if let location = event.location { rows.append(("location", location)) }
        if let url = event.url { rows.append(("url", url)) }
        for (locale, text) in event.descriptions.sorted(by: { $0.key < $1.key }) {
            rows.append(("description[\(locale)]", text.replacingOccurrences(of: "\n", with: "\n    ")))
        }
        rows.append(("status", event.cancelled ? "cancelled" : "active"))
        rows.append(("sequence", String(event.sequence)))
        for original in schedule.cancelledOccurrences.sorted() { rows.append(("cancelled", original.description)) }
        for move in schedule.movedOccurrences { rows.append(("moved", "\(move.original) -> \(move.local)")) }
        let next = schedule.occurrences(from: now).first { _ in true }
        rows.append(("next", next.map { WallClockText.describe($0.start, in: schedule.zone) } ?? "-"))
        let width = (rows.map(\.0.count).max() ?? 0) + 2
        for (label, value) in rows {
            Swift.print((label + ":").padding(toLength: width, withPad: " ", startingAt: 0) + value)
        }
    }
}

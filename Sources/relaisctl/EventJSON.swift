import Foundation
import Relais

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

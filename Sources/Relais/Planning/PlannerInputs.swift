import Foundation
import Store

/// What the reminder planner works on, read from the store: the active events and the
/// active members with the lists they are subscribed to.
public struct PlannerInputs: Sendable {
    public let schedules: [EventSchedule]
    public let members: [PlannerMember]

    /// Reads the inputs in two queries.
    public init(store: RelaisStore) throws {
        schedules = try store.events(includeCancelled: false).map { stored throws(InputError) in try EventSchedule(stored) }
        members = try store.activeMembersWithLists().compactMap { entry in
            guard let id = entry.member.id else { return nil }
            return PlannerMember(id: id, email: entry.member.email, name: entry.member.name, locale: entry.member.locale, lists: Set(entry.lists))
        }
    }

    /// The reminders due in `[from, to)`.
    public func reminders(from: Date, to: Date) -> [PlannedReminder] {
        ReminderPlanner.reminders(events: schedules, members: members, from: from, to: to)
    }

    /// The next reminder sends after `now` within a week, grouped by event, occurrence and
    /// offset, with how many members each reaches (for `relaisctl status`).
    public func upcoming(after now: Date, limit: Int, locale: String) -> [UpcomingReminder] {
        var groups: [String: UpcomingReminder] = [:]
        var order: [String] = []
        for reminder in reminders(from: now, to: now.addingTimeInterval(7 * 86_400)) {
            let key = "\(reminder.eventId)|\(reminder.original)|\(reminder.offset)"
            if groups[key] == nil {
                if order.count == limit { break }
                order.append(key)
                let title = schedules.first { $0.id == reminder.eventId }.map { LocalizedText.text($0.event.titles, for: locale, defaultLocale: locale) } ?? ""
                groups[key] = UpcomingReminder(
                    dueAt: reminder.dueAt, eventId: reminder.eventId, title: title, occurrenceStart: reminder.occurrenceStart,
                    offset: reminder.offset.description, recipients: 0)
            }
            groups[key]?.recipients += 1
        }
        return order.compactMap { groups[$0] }
    }
}

/// A reminder send to come: one event occurrence and offset, to several members.
public struct UpcomingReminder: Sendable, Hashable, Encodable {
    public var dueAt: Date
    public var eventId: Int64
    public var title: String
    public var occurrenceStart: Date
    public var offset: String
    public var recipients: Int

    enum CodingKeys: String, CodingKey {
        case dueAt = "due_at", eventId = "event_id", title, occurrenceStart = "occurrence_start", offset, recipients
    }
}

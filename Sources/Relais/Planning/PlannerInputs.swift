import Foundation
import Store

/// What the reminder planner works on, read from the store: the active events, and the
/// active members of their lists — read only when some reminder is due, and only for the
/// events concerned, so an idle daemon with 100,000 members does not load them.
public struct PlannerInputs: Sendable {
    /// The events that are not cancelled, with their exceptions.
    public let schedules: [EventSchedule]
    private let store: any PlanningStore

    /// Reads the active events.
    public init(store: any PlanningStore) throws {
        self.store = store
        schedules = try store.events(includeCancelled: false).map { stored throws(InputError) in try EventSchedule(stored) }
    }

    /// One reminder per event occurrence and offset due in `[from, to)`, for a stand-in member
    /// on every list: when reminders fall due, whoever receives them.
    public func slots(from: Date, to: Date) -> [PlannedReminder] {
        let everyList = Set(schedules.flatMap(\.lists))
        let anyone = PlannerMember(id: 0, email: "", name: "", locale: "", lists: everyList)
        return ReminderPlanner.reminders(events: schedules, members: [anyone], from: from, to: to)
    }

    /// The reminders due in `[from, to)`, one per member.
    public func reminders(from: Date, to: Date) throws -> [PlannedReminder] {
        let due = slots(from: from, to: to)
        guard !due.isEmpty else { return [] }
        let eventIds = Set(due.map(\.eventId))
        let events = schedules.filter { eventIds.contains($0.id) }
        return ReminderPlanner.reminders(events: events, members: try members(of: events), from: from, to: to)
    }

    /// The active members of the events' lists.
    public func members(of events: [EventSchedule]) throws -> [PlannerMember] {
        let lists = Array(Set(events.flatMap(\.event.lists)))
        return try store.activeMembersWithLists(in: lists).map { entry in
            PlannerMember(id: entry.member.id, email: entry.member.email, name: entry.member.name, locale: entry.member.locale, lists: Set(entry.lists))
        }
    }

    /// The next reminder sends after `now` within a week, grouped by event, occurrence and
    /// offset, with how many members each reaches (for `relaisctl status`).
    public func upcoming(after now: Date, limit: Int, locale: String) throws -> [UpcomingReminder] {
        var groups: [String: UpcomingReminder] = [:]
        var order: [String] = []
        for reminder in try reminders(from: now, to: now.addingTimeInterval(7 * 86_400)) {
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
    /// When the reminders are due.
    public var dueAt: Date
    /// The event's id.
    public var eventId: Int64
    /// The event's title in the requested locale.
    public var title: String
    /// When the occurrence starts.
    public var occurrenceStart: Date
    /// The reminder offset as written: `7d`, `1d`, `2h`.
    public var offset: String
    /// How many members get it.
    public var recipients: Int

    enum CodingKeys: String, CodingKey {
        case dueAt = "due_at", eventId = "event_id", title, occurrenceStart = "occurrence_start", offset, recipients
    }
}

import Foundation
import Store

/// Members who answered "I can't come" get no more reminders of that occurrence.
extension ReminderScheduler {
    /// Why such a reminder row is skipped (`queue show` says it).
    static let declinedReason = RSVPAnswer.declinedReminderReason

    /// `<event id>|<original local start>`: the occurrence as RSVP answers name it.
    static func occurrenceKey(_ reminder: PlannedReminder) -> String {
        "\(reminder.eventId)|\(reminder.original.description)"
    }

    /// The members who answered no, by occurrence key, for the occurrences of `planned`.
    func declinedMembers(_ planned: [PlannedReminder]) throws -> [String: Set<Int64>] {
        try Self.declinedMembers(planned, store: store)
    }

    /// The members who answered no in `store`, by occurrence key, for the occurrences of `planned`.
    static func declinedMembers(_ planned: [PlannedReminder], store: any PlanningStore) throws -> [String: Set<Int64>] {
        var result: [String: Set<Int64>] = [:]
        var seen: Set<String> = []
        for reminder in planned where seen.insert(Self.occurrenceKey(reminder)).inserted {
            let members = try store.declinedMembers(eventId: reminder.eventId, occurrence: reminder.original.description)
            if !members.isEmpty { result[Self.occurrenceKey(reminder)] = members }
        }
        return result
    }
}

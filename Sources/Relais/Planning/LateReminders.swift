import Foundation
import Store

/// Decides the reminders that were already due when their event (or its reminder offsets) was
/// added or changed: the planner's watermark has moved past them, so without this they would
/// be neither sent nor recorded.
///
/// Each is queued now when it is within `schedule.lateness` (and, as every reminder, before
/// its occurrence: the row's `notAfter`), else recorded as `skipped` with the reason. Rows have
/// the planner's idempotency keys, so nothing is queued twice.
public struct LateReminders: Sendable {
    /// One reminder (occurrence × offset) decided, for all the members it concerns.
    public struct Decision: Sendable, Hashable {
        /// The occurrence's start.
        public var occurrenceStart: Date
        /// The offset as written (`1d`).
        public var offset: String
        /// When it was due.
        public var dueAt: Date
        /// True when queued to be sent now; false when recorded as skipped.
        public var sent: Bool
        /// How many members' rows were new.
        public var members: Int
    }

    let store: any PlanningStore
    let identity: MessageIdentity
    let lateness: TimeInterval

    /// Late reminders of `store`'s events, with Message-IDs of `identity`, sent when at most `lateness` seconds late.
    public init(store: any PlanningStore, identity: MessageIdentity, lateness: TimeInterval) {
        self.store = store
        self.identity = identity
        self.lateness = lateness
    }

    /// Decides the reminders of event `eventId` that are due at or before `now` for occurrences
    /// that have not started; returns what was decided (only reminders not queued before).
    public func decide(eventId: Int64, now: Date = Date()) throws -> [Decision] {
        guard let stored = try store.event(id: eventId) else { return [] }
        let schedule = try EventSchedule(stored)
        guard !schedule.isCancelled, let reach = schedule.offsets.map(\.maximumSeconds).max() else { return [] }
        // An occurrence starting after now + the longest offset has no reminder due yet.
        let earliestDue = schedule.occurrences(from: now).first { _ in true }
            .map { occurrence in schedule.offsets.map { $0.dueDate(local: occurrence.local, start: occurrence.start, zone: schedule.zone) }.min() ?? now }
        guard let earliestDue, earliestDue <= now else { return [] }
        let members = try PlannerInputs(store: store).members(of: [schedule])
        // Plan from far enough back to see every reminder of the occurrences to come.
        let from = now.addingTimeInterval(-TimeInterval(reach) - 1)
        let planned = ReminderPlanner.reminders(events: [schedule], members: members, from: from, to: now.addingTimeInterval(0.001))
            .filter { $0.occurrenceStart > now }
        let byId = Dictionary(uniqueKeysWithValues: members.map { ($0.id, $0) })
        let declined = try ReminderScheduler.declinedMembers(planned, store: store)
        var groups: [String: [PlannedReminder]] = [:]
        for reminder in planned { groups["\(reminder.original)|\(reminder.offset)", default: []].append(reminder) }
        var decisions: [Decision] = []
        for group in groups.values {
            let first = group[0]
            let onTime = first.dueAt >= now.addingTimeInterval(-lateness)
            let rows = group.compactMap { reminder -> QueueMessage? in
                guard let member = byId[reminder.memberId] else { return nil }
                var row = ReminderScheduler.row(reminder, member: member, template: schedule.event.template, identity: identity, now: now)
                if !onTime {
                    row.state = .skipped
                    row.reason = "not sent: due at \(Timestamps.utc(reminder.dueAt)), before the event was added or changed at \(Timestamps.utc(now)), more than schedule.lateness (\(ConfigDuration(seconds: Int(lateness)))) earlier"
                } else if declined[ReminderScheduler.occurrenceKey(reminder)]?.contains(member.id) == true {
                    row.state = .skipped
                    row.reason = ReminderScheduler.declinedReason
                }
                return row
            }
            // Members who answered no are recorded (skipped, with the reason) but not counted as told.
            let declined = rows.filter { $0.reason == ReminderScheduler.declinedReason }
            let inserted = try store.enqueueLateReminders(rows.filter { $0.reason != ReminderScheduler.declinedReason })
            _ = try store.enqueueLateReminders(declined)
            if inserted > 0 {
                decisions.append(Decision(occurrenceStart: first.occurrenceStart, offset: first.offset.description, dueAt: first.dueAt, sent: onTime, members: inserted))
            }
        }
        return decisions.sorted { ($0.dueAt, $0.offset) < ($1.dueAt, $1.offset) }
    }
}

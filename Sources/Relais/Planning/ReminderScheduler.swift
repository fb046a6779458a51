import Foundation
import Logging
import Store

/// Turns the reminder planner's output into queue rows, once each, whatever restarts happen.
///
/// Each pass plans `[watermark, now]`: the watermark is stored with the rows in one
/// transaction. A reminder due more than `schedule.lateness` ago (the daemon was down) is
/// queued as `skipped` with the reason, so `queue show` says why it never went out.
public struct ReminderScheduler: Sendable {
    let store: any PlanningStore
    let identity: MessageIdentity
    let lateness: TimeInterval
    let logger: Logger

    /// A scheduler queueing `store`'s reminders with Message-IDs of `identity`, skipping those
    /// more than `lateness` seconds late.
    public init(store: any PlanningStore, identity: MessageIdentity, lateness: TimeInterval, logger: Logger) {
        self.store = store
        self.identity = identity
        self.lateness = lateness
        self.logger = logger
    }

    /// Plans everything due up to `now`; returns how many rows were queued (sent or skipped).
    public func plan(now: Date) throws -> Int {
        let watermark = try store.remindersPlannedUntil() ?? now.addingTimeInterval(-lateness)
        guard watermark < now else { return 0 }
        let inputs = try PlannerInputs(store: store)
        let to = now.addingTimeInterval(0.001)
        let slots = inputs.slots(from: watermark, to: to)
        guard !slots.isEmpty else {
            // Nothing due: move the watermark now and then, not on every pass (each write wakes the loop).
            if now.timeIntervalSince(watermark) > Self.watermarkRefresh { _ = try store.enqueueReminders([], plannedUntil: now) }
            return 0
        }
        let dueEvents = Set(slots.map(\.eventId))
        let events = inputs.schedules.filter { dueEvents.contains($0.id) }
        let members = try inputs.members(of: events)
        let planned = ReminderPlanner.reminders(events: events, members: members, from: watermark, to: to)
        let byId = Dictionary(uniqueKeysWithValues: members.map { ($0.id, $0) })
        let templates = Dictionary(uniqueKeysWithValues: inputs.schedules.map { ($0.id, $0.event.template) })
        let declined = try declinedMembers(planned)
        let rows = planned.compactMap { reminder -> QueueMessage? in
            guard let member = byId[reminder.memberId] else { return nil }
            var row = Self.row(reminder, member: member, template: templates[reminder.eventId], identity: identity, now: now)
            if reminder.dueAt < now.addingTimeInterval(-lateness) {
                row.state = .skipped
                row.reason = "not sent: due at \(Timestamps.utc(reminder.dueAt)) while relaisd was not running, more than schedule.lateness (\(ConfigDuration(seconds: Int(lateness)))) ago"
            } else if declined[Self.occurrenceKey(reminder)]?.contains(member.id) == true {
                row.state = .skipped
                row.reason = Self.declinedReason
            }
            return row
        }
        let inserted = try store.enqueueReminders(rows, plannedUntil: now)
        if inserted > 0 { logger.info("queued \(inserted) reminders") }
        return inserted
    }

    /// When the next reminder falls due after `now` (looking a week ahead), to sleep until then.
    public func nextDue(after now: Date) throws -> Date? {
        try PlannerInputs(store: store).slots(from: now, to: now.addingTimeInterval(7 * 86_400)).first?.dueAt
    }

    /// How stale the watermark may grow while nothing is due (it bounds how far back a restart looks).
    static let watermarkRefresh: TimeInterval = 3600
}

import Foundation
import Logging
import Store

/// Turns the reminder planner's output into queue rows, once each, whatever restarts happen.
///
/// Each pass plans `[watermark, now]`: the watermark is stored with the rows in one
/// transaction. A reminder due more than `schedule.lateness` ago (the daemon was down) is
/// queued as `skipped` with the reason, so `queue show` says why it never went out.
struct ReminderScheduler: Sendable {
    let store: RelaisStore
    let identity: MessageIdentity
    let lateness: TimeInterval
    let logger: Logger

    /// Plans everything due up to `now`; returns how many rows were queued (sent or skipped).
    func plan(now: Date) throws -> Int {
        let watermark = try store.remindersPlannedUntil() ?? now.addingTimeInterval(-lateness)
        guard watermark < now else { return 0 }
        let inputs = try PlannerInputs(store: store)
        let byId = Dictionary(uniqueKeysWithValues: inputs.members.map { ($0.id, $0) })
        let planned = inputs.reminders(from: watermark, to: now.addingTimeInterval(0.001))
        let templates = Dictionary(uniqueKeysWithValues: inputs.schedules.map { ($0.id, $0.event.template) })
        let rows = planned.compactMap { reminder -> QueueRecord? in
            guard let member = byId[reminder.memberId] else { return nil }
            var row = QueueRecord(
                idempotencyKey: reminder.idempotencyKey, kind: "reminder", source: reminder.source, memberId: member.id,
                recipient: member.email, recipientName: member.name, locale: member.locale,
                template: templates[reminder.eventId] ?? "meetup-reminder", payload: ReminderPayload(reminder).encoded(),
                dueAt: reminder.dueAt, notAfter: reminder.occurrenceStart, messageId: identity.make(), now: now)
            if reminder.dueAt < now.addingTimeInterval(-lateness) {
                row.state = .skipped
                row.reason = "not sent: due at \(Timestamps.utc(reminder.dueAt)) while relaisd was not running, more than schedule.lateness (\(ConfigDuration(seconds: Int(lateness)))) ago"
            }
            return row
        }
        let inserted = try store.enqueueReminders(rows, plannedUntil: now)
        if inserted > 0 { logger.info("queued \(inserted) reminders") }
        return inserted
    }

    /// When the next reminder falls due after `now` (looking a week ahead), to sleep until then.
    func nextDue(after now: Date) throws -> Date? {
        try PlannerInputs(store: store).reminders(from: now, to: now.addingTimeInterval(7 * 86_400)).first?.dueAt
    }
}

/// What a reminder row needs besides the member: which occurrence, which offset (JSON in `payload`).
struct ReminderPayload: Codable, Sendable {
    var eventId: Int64
    /// Original local start of the occurrence (`YYYY-MM-DDTHH:MM:SS`).
    var original: String
    /// Effective local start (differs when the occurrence was moved).
    var local: String
    var start: Date
    var offset: String

    init(_ reminder: PlannedReminder) {
        eventId = reminder.eventId
        original = reminder.original.description
        local = reminder.occurrenceLocal.description
        start = reminder.occurrenceStart
        offset = reminder.offset.description
    }

    func encoded() -> Data? { try? JSONEncoder().encode(self) }

    static func decode(_ data: Data?) -> ReminderPayload? {
        data.flatMap { try? JSONDecoder().decode(ReminderPayload.self, from: $0) }
    }
}

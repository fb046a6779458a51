import Foundation
import Store

extension ReminderScheduler {
    /// The queue row of one planned reminder to one member (the planner's and ``LateReminders``' alike,
    /// so both give the same idempotency key and neither can queue it twice).
    public static func row(
        _ reminder: PlannedReminder, member: PlannerMember, template: String?, identity: MessageIdentity, now: Date
    ) -> QueueMessage {
        QueueMessage(
            idempotencyKey: reminder.idempotencyKey, kind: "reminder", source: reminder.source, memberId: member.id,
            recipient: member.email, recipientName: member.name, locale: member.locale,
            template: template ?? EventValidator.defaultTemplate, payload: ReminderPayload(reminder).encoded(),
            dueAt: reminder.dueAt, notAfter: reminder.occurrenceStart, messageId: identity.make(), now: now)
    }
}

import Foundation
import Recurrence
@testable import Relais
import RelaisTestSupport
import Store
import Testing

/// Ana (es, on list `be`), a one-off breakfast on 2026-03-03 08:30 in Brussels, and the queue
/// row of her 1-day reminder, as the planner makes it: what the composer tests start from.
enum ReminderRowFixture {
    static func make(in store: RelaisStore) throws -> (member: Stored<Member>, event: Stored<Event>, row: QueueMessage) {
        _ = try store.upsertMembers([MemberInput(email: "ana@example.es", name: "Ana", locale: "es", lists: ["be"])])
        let member = try #require(try store.member(email: "ana@example.es")?.member)
        let event = try store.insertEvent(Event(
            uid: "e1@mompreneurs.example", titles: ["es": "Desayuno"], descriptions: [:], startLocal: "2026-03-03T08:30:00",
            timeZone: "Europe/Brussels", rule: nil, durationSeconds: 5400, lists: ["be"], reminders: ["1d"],
            template: "meetup-reminder", location: nil, url: nil, now: Date()))
        let local = try LocalDateTime(parsing: "2026-03-03T08:30")
        let start = local.instant(in: try TimeZoneLookup.zone(named: "Europe/Brussels"))
        let reminder = PlannedReminder(
            eventId: event.id, eventUID: event.uid, original: local, occurrenceLocal: local,
            occurrenceStart: start, offset: try ReminderOffset(parsing: "1d"), memberId: member.id,
            dueAt: start.addingTimeInterval(-86_400))
        let row = QueueMessage(
            idempotencyKey: reminder.idempotencyKey, kind: "reminder", source: reminder.source, memberId: member.id,
            recipient: member.email, recipientName: member.name, locale: member.locale, template: "meetup-reminder",
            payload: ReminderPayload(reminder).encoded(), dueAt: reminder.dueAt, notAfter: start,
            messageId: "<r1.relais@mompreneurs.example>", now: Date())
        return (member, event, row)
    }
}

import Foundation
import Relais
import Store

/// The queue row the daemon would compose for one member, built in memory (nothing is
/// stored), so that `relaisctl preview --member` composes it through the daemon's own
/// ``QueueRowComposer``: the preview is then the bytes that are sent, given the same
/// Message-ID and Date (the row's due time).
///
/// Each builder makes the row the way its queueing path does (``AnnouncementQueuer``,
/// ``ReminderScheduler``, ``WelcomeMessage``), then fixes the Message-ID and the due time.
struct PreviewRow: Sendable {
    /// The row to compose.
    var row: QueueMessage
    /// For an announcement not made yet: the announcement its row belongs to (else nil: the
    /// composer reads the stored one, or the row needs none).
    var announcement: Announcement?

    /// Her row of the stored `announcement`, due at `date` (default: the announcement's due
    /// time, which is the Date of every row it queues).
    static func announcement(
        _ announcement: Stored<Announcement>, member: Stored<Member>, messageId: String, date: Date? = nil
    ) -> PreviewRow {
        let queuer = AnnouncementQueuer(identity: MessageIdentity(domain: "preview.invalid"))
        var row = queuer.row(for: announcement, member: member, now: date ?? announcement.dueAt)
        row.messageId = messageId
        row.dueAt = date ?? announcement.dueAt
        return PreviewRow(row: row, announcement: nil)
    }

    /// Her row of an announcement not made yet, composed with `announcement` itself. Such an
    /// announcement has no id: its row names announcement 0, which is never stored.
    static func announcement(
        draft announcement: Announcement, member: Stored<Member>, messageId: String, date: Date? = nil
    ) -> PreviewRow {
        var preview = Self.announcement(Stored(id: 0, announcement), member: member, messageId: messageId, date: date)
        preview.announcement = announcement
        return preview
    }

    /// Her reminder `offset` before `occurrence` of `schedule`, due when the planner makes it
    /// due (or at `date`).
    static func reminder(
        _ schedule: EventSchedule, occurrence: EventOccurrence, offset: ReminderOffset, member: Stored<Member>,
        messageId: String, date: Date? = nil
    ) -> PreviewRow {
        let due = offset.dueDate(local: occurrence.local, start: occurrence.start, zone: schedule.zone)
        let reminder = PlannedReminder(
            eventId: schedule.id, eventUID: schedule.uid, original: occurrence.original, occurrenceLocal: occurrence.local,
            occurrenceStart: occurrence.start, offset: offset, memberId: member.id, dueAt: due)
        let planner = PlannerMember(id: member.id, email: member.email, name: member.name, locale: member.locale, lists: [])
        var row = ReminderScheduler.row(
            reminder, member: planner, template: schedule.event.template, identity: MessageIdentity(domain: "preview.invalid"),
            now: date ?? due)
        row.messageId = messageId
        row.dueAt = date ?? due
        return PreviewRow(row: row, announcement: nil)
    }

    /// Her welcome, due at `date`.
    static func welcome(member: Stored<Member>, messageId: String, date: Date) -> PreviewRow {
        var row = WelcomeMessage(identity: MessageIdentity(domain: "preview.invalid")).row(for: member, now: date)
        row.messageId = messageId
        return PreviewRow(row: row, announcement: nil)
    }
}

import Foundation
import Store

/// Turns an announcement into queue rows: one per active member of its lists.
public struct AnnouncementQueuer: Sendable {
    /// Makes each row's Message-ID.
    public let identity: MessageIdentity

    /// A queuer whose rows get Message-IDs from `identity`.
    public init(identity: MessageIdentity) {
        self.identity = identity
    }

    /// The row for one recipient; the idempotency key makes queuing it twice impossible.
    public func row(for announcement: Stored<Announcement>, member: Stored<Member>, now: Date) -> QueueMessage {
        QueueMessage(
            idempotencyKey: "announcement:\(announcement.id):\(member.id)", kind: "announcement",
            source: "announcement:\(announcement.id)", memberId: member.id, recipient: member.email,
            recipientName: member.name, locale: member.locale, template: announcement.template, payload: nil,
            dueAt: announcement.dueAt, notAfter: nil, messageId: identity.make(), now: now)
    }

    /// Creates the announcement; queues it at once when it is due.
    public func announce(
        template: String, lists: [String], data: Data?, at dueAt: Date, store: any AnnouncementStore, now: Date = Date(),
        eventId: Int64? = nil, occurrence: String? = nil, previous: Data? = nil
    ) throws(StoreError) -> Stored<Announcement> {
        let record = Announcement(
            template: template, lists: lists, data: data, dueAt: dueAt, now: now, eventId: eventId, occurrence: occurrence,
            previous: previous)
        return try store.createAnnouncement(record, now: now) { announcement, member in
            row(for: announcement, member: member, now: now)
        }
    }

    /// Queues the pending announcements that fell due.
    public func queueDue(store: any PlanningStore, now: Date = Date()) throws(StoreError) -> Int {
        try store.queueDueAnnouncements(now: now) { announcement, member in row(for: announcement, member: member, now: now) }
    }
}

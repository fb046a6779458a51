import Foundation

/// What the daemon's planner reads and writes: the events and members reminders are planned
/// from, the planning watermark, and announcements fanned out into queue rows.
///
/// The guarantees, for one daemon or several on one database:
/// - ``enqueueReminders(_:plannedUntil:)`` inserts rows and moves the watermark in one
///   transaction; the watermark never moves back (two planners that read the same watermark
///   both plan from it; the idempotency keys keep one row per recipient message).
/// - ``queueDueAnnouncements(now:makeRow:)`` fans each due announcement out exactly once: an
///   announcement another planner is fanning out is left to it.
public protocol PlanningStore: CompositionSource {
    /// Every event with its exceptions, cancelled ones only with `includeCancelled`.
    func events(includeCancelled: Bool) throws(StoreError) -> [StoredEvent]
    /// Active members with the lists they are subscribed to; with `lists`, only the members of
    /// those lists, and only those lists.
    func activeMembersWithLists(in lists: [String]?) throws(StoreError) -> [(member: Stored<Member>, lists: [String])]
    /// The members who answered no for an occurrence (`occurrence` is its original local start).
    func declinedMembers(eventId: Int64, occurrence: String) throws(StoreError) -> Set<Int64>
    /// The instant up to which reminders were planned, if they ever were.
    func remindersPlannedUntil() throws(StoreError) -> Date?
    /// Queues reminder rows and moves the watermark forward to `plannedUntil`, in one
    /// transaction. Returns how many rows were new.
    func enqueueReminders(_ rows: [QueueMessage], plannedUntil: Date) throws(StoreError) -> Int
    /// Queues reminder rows decided outside the planner, without moving the watermark.
    func enqueueLateReminders(_ rows: [QueueMessage]) throws(StoreError) -> Int
    /// Queues every pending announcement due by `now`, one row per active member of its lists
    /// (made by `makeRow`); returns how many rows were queued.
    func queueDueAnnouncements(now: Date, makeRow: (Stored<Announcement>, Stored<Member>) -> QueueMessage) throws(StoreError) -> Int
    /// The pending announcements, soonest first.
    func pendingAnnouncements() throws(StoreError) -> [Stored<Announcement>]
}

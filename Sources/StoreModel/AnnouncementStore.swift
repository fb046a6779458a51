import Foundation

/// Announcements as `relaisctl announce` makes them, whichever database holds them.
///
/// Calls block the calling thread, like ``QueueStore``'s.
public protocol AnnouncementStore: Sendable {
    /// Creates `announcement` (every list must exist: `.notFound` otherwise). One due by `now` is
    /// fanned out in the same transaction, one row per active member of its lists (made by
    /// `makeRow`), and comes back `queued` with the number of rows; a later one stays `pending`
    /// and comes back with the number of members it would reach now. Daemons waiting for work
    /// are told either way.
    func createAnnouncement(
        _ announcement: Announcement, now: Date, makeRow: @escaping @Sendable (Stored<Announcement>, Stored<Member>) -> QueueMessage
    ) throws(StoreError) -> Stored<Announcement>
}

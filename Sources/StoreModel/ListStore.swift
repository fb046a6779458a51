import Foundation

/// Mailing lists as things of their own (`relaisctl list …`). Names compare case-insensitively
/// and keep the spelling they were created with.
///
/// Calls block the calling thread, like ``QueueStore``'s.
public protocol ListStore: Sendable {
    /// Every list with its counts, by name.
    func lists() throws(StoreError) -> [ListSummary]
    /// One list; nil when there is none of that name.
    func list(named name: String) throws(StoreError) -> ListSummary?
    /// The names of every list, sorted.
    func listNames() throws(StoreError) -> [String]
    /// Creates a list; `.conflict` when one of that name exists.
    @discardableResult
    func addList(named name: String, now: Date) throws(StoreError) -> ListSummary
    /// Renames list `name` (`.notFound` when there is none; `.conflict` when another list has the
    /// new name); the events and pending announcements that name it follow, in one transaction.
    func renameList(_ name: String, to newName: String) throws(StoreError)
    /// Deletes list `name` and its subscriptions (the members stay); `.notFound` when there is
    /// none, `.conflict` while an event or a pending announcement names it. Returns how many
    /// subscriptions went with it.
    func removeList(named name: String) throws(StoreError) -> Int
}

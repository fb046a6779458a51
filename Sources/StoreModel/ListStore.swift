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
}

import Foundation

/// What composing a queued message reads of the store, whichever database holds it: the
/// announcement or event a row is about, the list it names, the member's unsubscribe token.
///
/// Calls block the calling thread, like ``QueueStore``'s.
public protocol CompositionSource: Sendable {
    /// One announcement; nil when it was removed.
    func announcement(id: Int64) throws(StoreError) -> Stored<Announcement>?
    /// One event with its exceptions; nil when it was removed.
    func event(id: Int64) throws(StoreError) -> StoredEvent?
    /// The id of the list named `name` (names compare case-insensitively); nil when there is none.
    func listID(named name: String) throws(StoreError) -> Int64?
    /// A member's unsubscribe token; nil when the member was removed.
    func unsubscribeToken(memberId: Int64) throws(StoreError) -> String?
    /// The unsubscribe tokens of several members, by member id (removed members are absent).
    func unsubscribeTokens(memberIds: [Int64]) throws(StoreError) -> [Int64: String]
}

import Foundation

/// The members and their subscriptions as an operator manages them (`relaisctl member …`),
/// whichever database holds them.
///
/// The guarantees, which the contract tests check on every backend:
/// - Addresses and list names compare case-insensitively; a member keeps the address as she
///   was first added.
/// - Each call is one transaction: a refused upsert writes nothing, and a member who leaves
///   (``unsubscribe(email:list:now:)``, ``removeMember(email:now:)``) has her unsent rows
///   cancelled in the same transaction, with the reason, and her history (`memberChange`) told.
/// - Calls block the calling thread, like ``QueueStore``'s.
public protocol MemberStore: Sendable {
    /// Adds or updates members and their subscriptions in one transaction: matched by address,
    /// her name and locale updated, lists added (never removed; one she left is not rejoined).
    /// Without `createLists`, an unknown list refuses the whole upsert (`.notFound`, naming each).
    /// `welcome` makes the queue row of a welcome message for each member added.
    func upsertMembers(
        _ inputs: [MemberInput], createLists: Bool, now: Date, welcome: (@Sendable (Stored<Member>) -> QueueMessage)?
    ) throws(StoreError) -> MemberUpsertSummary
    /// The member with this address, with her lists; nil when there is none.
    func member(email: String) throws(StoreError) -> MemberListing?
    /// Every member, or those subscribed to `list` (`.notFound` when there is no such list), by address.
    func members(inList list: String?) throws(StoreError) -> [MemberListing]
    /// The changes she (or an operator, or her mailbox provider) made, oldest first.
    func memberChanges(email: String) throws(StoreError) -> [MemberChange]
    /// Active members subscribed to at least one of `lists`, each once, by address.
    func activeMembers(inLists lists: [String]) throws(StoreError) -> [Stored<Member>]
    /// Deletes a member and her subscriptions and cancels what still waits to go to her;
    /// false when there is no such member.
    func removeMember(email: String, now: Date) throws(StoreError) -> Bool
    /// Unsubscribes a member from `list` (cancelling the rows no list of hers still wants), or
    /// from everything when `list` is nil (cancelling every unsent row of hers).
    func unsubscribe(email: String, list: String?, now: Date) throws(StoreError)
    /// Makes bounced members active again: the one with address `email` (`.notFound` when there
    /// is none), or every one bounced since `bouncedSince`, or both conditions. Her bounce reply
    /// is cleared. Returns their addresses, sorted.
    func reactivate(email: String?, bouncedSince: Date?, now: Date) throws(StoreError) -> [String]
}

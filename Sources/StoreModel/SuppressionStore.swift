import Foundation

/// Forgotten members (GDPR art. 17) and the suppression list that keeps their addresses from
/// coming back: the addresses are kept only as keyed hashes, made with a salt of the database's own.
///
/// Calls block the calling thread, like ``QueueStore``'s.
public protocol SuppressionStore: Sendable {
    /// The database's salt of the suppression hashes (32 random bytes, made on first use; every
    /// caller gets the same).
    func suppressionSalt() throws(StoreError) -> [UInt8]
    /// When the address whose hash is `addressHash` was forgotten; nil when it is not suppressed.
    func suppressedSince(addressHash: String) throws(StoreError) -> Date?
    /// Of `addressHashes`, those suppressed, each with when it was forgotten (one read for a whole import).
    func suppressions(addressHashes: [String]) throws(StoreError) -> [String: Date]
    /// Erases the member with address `email` in one transaction: her unsent messages are
    /// cancelled, her member row, memberships, history and RSVPs deleted, the delivery ledger
    /// that stays loses her address and name, and `addressHash` enters the suppression list.
    /// Returns how many queue rows were cancelled; `.notFound` when there is no such member.
    func forgetMember(email: String, addressHash: String, now: Date) throws(StoreError) -> Int
}

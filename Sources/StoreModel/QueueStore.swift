import Foundation

/// What delivery needs of a queue, whichever database holds it: the contract every store
/// backend keeps (the SQLite store today, PostgreSQL for several daemons on one queue).
///
/// The guarantees, which the contract tests check on every backend:
/// - `enqueue` is idempotent: a message whose `idempotencyKey` is already queued is ignored.
/// - `claim` hands a due row to one owner at a time, under a lease that ends at `now + lease`;
///   a row whose lease ran out is due again (its worker died). Rows whose `notAfter` has passed
///   become `skipped`, rows of a member no longer active `cancelled`, with the reason.
/// - `record` commits attempts and new states in one transaction; a row whose lease its owner
///   lost gets its attempt only, and a row sent after an operator took it is recorded as sent.
/// - Calls block the calling thread: the daemon makes them on its blocking executor.
public protocol QueueStore: Sendable {
    /// Inserts messages; those whose idempotency key is already queued are ignored. Returns how many were new.
    func enqueue(_ messages: [QueueMessage]) throws(StoreError) -> Int
    /// Claims up to `limit` due rows for `owner` under a lease of `lease` seconds, due order first.
    func claim(owner: String, limit: Int, now: Date, lease: TimeInterval) throws(StoreError) -> [Stored<QueueMessage>]
    /// Records attempts and new states, in one transaction.
    func record(_ results: [DeliveryResult], owner: String) throws(StoreError)
    /// Of the rows `owner` claimed, those an operator took back since (held, cancelled).
    func revokedClaims(ids: [Int64], owner: String) throws(StoreError) -> Set<Int64>
    /// Gives back claimed rows that were never tried, due again at `date`.
    func requeue(ids: [Int64], owner: String, at date: Date, reason: String?) throws(StoreError)
    /// Gives back every row `owner` still leases (at shutdown); returns how many.
    func releaseLeases(owner: String, now: Date) throws(StoreError) -> Int
    /// The earliest time a row becomes due or a lease runs out.
    func nextDueTime() throws(StoreError) -> Date?
    /// When each message accepted since `date` was accepted (for per-hour and per-day caps).
    func sentTimes(since date: Date) throws(StoreError) -> [Date]
    /// Deferred rows older than `maxAge` past their due time become `failed`; returns how many.
    func expireDeferred(olderThan maxAge: TimeInterval, now: Date) throws(StoreError) -> Int
    /// Rows (without their bodies) by due time; optionally one state only.
    func queueRows(state: QueueMessage.State?, limit: Int?) throws(StoreError) -> [Stored<QueueMessage>]
    /// How many rows are in each state (states with none are absent).
    func queueCounts() throws(StoreError) -> [QueueMessage.State: Int]
}

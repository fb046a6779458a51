import Foundation

/// What an operator does to the delivery queue (`relaisctl queue …`, like Postfix's postcat,
/// postsuper and postqueue), on top of the queue delivery keeps.
///
/// Calls block the calling thread, like ``QueueStore``'s.
public protocol QueueAdminStore: QueueStore {
    /// One row with its body, and every attempt at it, oldest first; nil when there is none.
    func queueEntry(id: Int64) throws(StoreError) -> (row: Stored<QueueMessage>, attempts: [Attempt])?
    /// Applies `action` to the rows `ids`, or with `ids` nil to every row (in `state`, and last
    /// changed at or after `since`, when given), in one transaction. Rows the action does not
    /// apply to are refused, one line each, when they were named by id.
    func apply(_ action: QueueAction, ids: [Int64]?, state: QueueMessage.State?, since: Date?, now: Date) throws(StoreError) -> QueueChange
    /// Makes every row waiting for a retry due now (deferred rows, and queued rows put back for
    /// later); returns how many.
    func flushDeferred(now: Date) throws(StoreError) -> Int
}

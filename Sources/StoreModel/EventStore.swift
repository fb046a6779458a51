import Foundation

/// Events and their exceptions as `relaisctl event …` changes them, whichever database holds
/// them, with the notices that tell members about a change.
///
/// It refines ``PlanningStore`` (the events and members reminders are planned from: a change
/// decides at once the reminders already due) and ``AnnouncementStore`` (a notice is an
/// announcement about one occurrence).
///
/// The guarantees, which the contract tests check on every backend:
/// - Each call is one transaction. A change to the series or to one occurrence bumps the
///   event's `sequence` (only when something changed) and cancels, with the reason, the unsent
///   reminders it makes wrong (sources `event:<id>:…`).
/// - ``inOneTransaction(_:)`` makes several calls one transaction: an event change, the
///   announcements it withdraws and the notices queued about it commit together, or none of them.
/// - Calls block the calling thread, like ``QueueStore``'s.
public protocol EventStore: PlanningStore, AnnouncementStore {
    /// Inserts a new event and returns it with its id.
    func insertEvent(_ event: Event) throws(StoreError) -> Stored<Event>
    /// Replaces the stored event with `event` (matched by id; `.notFound` when there is none).
    /// The stored `uid`, `sequence` and `createdAt` win over `event`'s; nothing is written when
    /// `event` equals what is stored, else `sequence` goes up by one and `updatedAt` is `now`.
    /// The exceptions of the occurrences in `droppingExceptions` are deleted in the same
    /// transaction. Returns the stored result.
    func updateEvent(_ event: Stored<Event>, droppingExceptions: [String], now: Date) throws(StoreError) -> Stored<Event>
    /// Cancels the whole series (`cancelled`, one more `sequence`) and its unsent reminders; one
    /// already cancelled is returned as it is.
    func cancelEvent(id: Int64, now: Date) throws(StoreError) -> Stored<Event>
    /// Records an exception for one occurrence (its original local start): cancelled when
    /// `movedTo` is nil, else moved there; it replaces an earlier one, and `restore` deletes it
    /// instead. When something changed, `sequence` goes up and the occurrence's unsent
    /// reminders are cancelled. Returns the event with its exceptions.
    func setException(eventId: Int64, occurrence: String, movedTo: String?, restore: Bool, now: Date) throws(StoreError) -> StoredEvent
    /// Deletes an event and its exceptions, cancelling its unsent reminders; false when there is none.
    func removeEvent(id: Int64, now: Date) throws(StoreError) -> Bool
    /// The occurrences of event `eventId` members were sent a message about (a reminder or an
    /// announcement, sent or possibly sent), as original local starts `YYYY-MM-DDTHH:MM:SS`.
    func notifiedOccurrences(eventId: Int64) throws(StoreError) -> Set<String>
    /// Withdraws what was announced about one occurrence (or any, with `occurrence` nil) of event
    /// `eventId` and not sent yet, except announcements of the `keeping` templates: pending
    /// announcements become `cancelled`, their unsent rows `cancelled` with `reason`. Returns how
    /// many queue rows were cancelled.
    @discardableResult
    func withdrawAnnouncements(eventId: Int64, occurrence: String?, keeping: [String], reason: String, now: Date) throws(StoreError) -> Int
    /// Runs `body` as ONE transaction: every call it makes on this store, on this thread, joins
    /// it, and an error anywhere rolls all of it back (the caller gets that error as it was).
    /// Inside another `inOneTransaction` of the same store, `body` joins the outer one.
    func inOneTransaction<T>(_ body: () throws -> T) throws -> T
}

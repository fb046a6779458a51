import Foundation

/// What the members' web endpoint (`web.listen`) needs of its store, whichever database holds
/// it: the member behind a link, what she changes (her lists, her language, everything), her
/// answers about an event's occurrences, and for operators the heartbeat `/healthz` judges and
/// the figures `/metrics` shows. The event a link names, the answers already given and the
/// heartbeats come from ``CompositionSource``, ``StatusStore`` and ``HeartbeatReader``.
///
/// The guarantees, which the contract tests check on every backend:
/// - A link's token is compared in constant time; an unknown member and a wrong token look alike.
/// - Each change is one transaction and writes its line of her history (`memberChange`, with its
///   source); doing it twice changes nothing the second time.
/// - A member who leaves a list has, in the same transaction, what is still queued for that list
///   only cancelled (rows claimed but not started too); a row also meant for a list she is still
///   on stays. Leaving everything cancels every unsent row of hers.
/// - Calls block the calling thread, like ``QueueStore``'s: the daemon makes them on its
///   blocking executor.
public protocol WebAnswerStore: CompositionSource, StatusStore, HeartbeatReader {
    /// The member with id `id` whose token is `token`, or nil: an unknown id and a wrong token
    /// look the same to the caller (and take the same time).
    func webMember(id: Int64, token: String) throws(StoreError) -> WebMember?
    /// Takes member `memberId` off list `listId`, cancelling what is still queued for that list
    /// only; true when she is on it (left now or before), false when she was never on it.
    @discardableResult
    func leaveList(memberId: Int64, listId: Int64, source: MemberChange.Source, now: Date) throws(StoreError) -> Bool
    /// Puts member `memberId` back on list `listId` she had left, and makes her active again if
    /// she had left everything (a bounced address stays bounced); false when she was never on it.
    @discardableResult
    func rejoinList(memberId: Int64, listId: Int64, source: MemberChange.Source, now: Date) throws(StoreError) -> Bool
    /// Member `memberId` leaves everything: each of her lists, and every unsent row of hers is
    /// cancelled. Only an active member changes.
    func leaveEverything(memberId: Int64, source: MemberChange.Source, now: Date) throws(StoreError)
    /// Sets member `memberId`'s language (recorded only when it changes).
    func setLanguage(memberId: Int64, locale: String, source: MemberChange.Source, now: Date) throws(StoreError)
    /// Records (or changes) her answer for occurrence `occurrence` (its original local start) of
    /// event `eventId`; false when the event does not exist. A "no" skips, in the same
    /// transaction, her reminders of that occurrence not sent yet.
    @discardableResult
    func recordRSVP(memberId: Int64, eventId: Int64, occurrence: String, answer: RSVPAnswer.Answer, now: Date) throws(StoreError) -> Bool
    /// The queue and delivery figures `/metrics` shows, as of `now`, read in one transaction; the
    /// transport's pause is that of daemon instance `instanceId` (on a store with one daemon,
    /// its only heartbeat).
    func deliveryFigures(now: Date, instanceId: String?) throws(StoreError) -> DeliveryFigures
}

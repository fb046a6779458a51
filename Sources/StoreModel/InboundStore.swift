import Foundation

/// What the bounce mailbox's intake (relaisd, `relaisctl bounce fetch` and `bounce import`) and
/// `relaisctl bounce list` need of the store, whichever database holds it.
///
/// The guarantees, which the contract tests check on every backend:
/// - A report is recorded once, with the member change it causes, in one transaction: a report
///   whose key is already recorded changes nothing and says what it did the first time
///   (`firstTime` false), so a crash between record and flag applies nothing twice.
/// - A hard bounce marks the member bounced; soft bounces are counted, and the `softLimit`-th
///   within `softWindow` marks her bounced; a complaint makes her leave everything; a `mailto:`
///   unsubscribe takes her off the list it names. Each writes its line of her history, and what
///   she no longer wants is cancelled in the same transaction.
/// - Calls block the calling thread, like ``QueueStore``'s.
public protocol InboundStore: Sendable {
    /// The outcome already recorded for the message with `key`; nil when it was never recorded.
    func inboundOutcome(key: String) throws(StoreError) -> InboundOutcome?
    /// What the intake learnt, newest first; at most `limit` records.
    func inboundRecords(limit: Int) throws(StoreError) -> [InboundRecord]
    /// The mailbox positions (`<uidvalidity>:<uid>`) of messages recorded as left for people,
    /// which need not be read again.
    func inboundPositionsLeftForPeople() throws(StoreError) -> Set<String>
    /// Records `report` and applies what it means to its member, in one transaction; a report
    /// whose key is already recorded changes nothing and returns what it did the first time.
    func recordInbound(
        _ report: InboundReport, softLimit: Int, softWindow: TimeInterval, now: Date
    ) throws(StoreError) -> (outcome: InboundOutcome, firstTime: Bool)
}

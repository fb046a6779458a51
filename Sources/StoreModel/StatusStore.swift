import Foundation

/// What `relaisctl status` reads besides the daemons' own store (``DaemonStore``): the answers
/// members gave about upcoming occurrences, and the trace `relaisd --once` leaves.
///
/// Calls block the calling thread, like ``QueueStore``'s.
public protocol StatusStore: Sendable {
    /// The answers for event `eventId` (one occurrence, or all), by occurrence then address.
    func rsvpAnswers(eventId: Int64, occurrence: String?) throws(StoreError) -> [RSVPAnswer]
    /// When a daemon last did something that leaves a trace without a heartbeat: the later of
    /// the last delivery attempt and the reminder planning mark; nil when none ever ran.
    func lastDaemonActivity() throws(StoreError) -> Date?
}

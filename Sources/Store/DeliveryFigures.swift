import Foundation

/// The queue and delivery figures `/metrics` exposes, read in one transaction.
public struct DeliveryFigures: Sendable {
    /// Rows by state.
    public var states: [QueueRecord.State: Int]
    /// Rows waiting to be sent: scheduled, queued or deferred.
    public var depth: Int
    /// Seconds since the due time of the oldest row due and not yet sent; nil when none is.
    public var oldestDueAge: Double?
    /// Seconds left of the transport's slow-down pause (0 when not paused).
    public var throttledSeconds: Double
    /// Attempts recorded, by outcome.
    public var outcomes: [String: Int]
    /// Attempts with an SMTP reply, by class: `2xx`, `4xx`, `5xx`.
    public var replyClasses: [String: Int]
}

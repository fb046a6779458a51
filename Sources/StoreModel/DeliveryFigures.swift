import Foundation

/// The queue and delivery figures `/metrics` exposes, read in one transaction.
public struct DeliveryFigures: Sendable {
    /// Rows by state.
    public var states: [QueueMessage.State: Int]
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

    /// A value with every field given.
    public init(states: [QueueMessage.State: Int], depth: Int, oldestDueAge: Double?, throttledSeconds: Double, outcomes: [String: Int], replyClasses: [String: Int]) {
        self.states = states
        self.depth = depth
        self.oldestDueAge = oldestDueAge
        self.throttledSeconds = throttledSeconds
        self.outcomes = outcomes
        self.replyClasses = replyClasses
    }
}

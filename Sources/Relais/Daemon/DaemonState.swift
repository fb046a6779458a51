import Foundation

/// What the daemon is doing, shared by its services for the heartbeat and sd_notify STATUS.
public actor DaemonState {
    /// A consistent copy of the state.
    public struct Snapshot: Sendable {
        public var activity: String
        public var throttledUntil: Date?
    }

    private var activity = "starting"
    private var throttledUntil: Date?

    public init() {}

    public func snapshot() -> Snapshot {
        Snapshot(activity: activity, throttledUntil: throttledUntil)
    }

    public func setActivity(_ text: String) {
        activity = text
    }

    public func setThrottled(until date: Date?) {
        throttledUntil = date
    }
}

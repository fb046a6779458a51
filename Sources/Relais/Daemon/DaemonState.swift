import Foundation

/// What the daemon is doing, shared by its services for the heartbeat and sd_notify STATUS.
public actor DaemonState {
    /// A consistent copy of the state.
    public struct Snapshot: Sendable {
        /// What the daemon is doing: `idle`, `sending 12`…
        public var activity: String
        /// Sending is paused by throttling until then.
        public var throttledUntil: Date?
    }

    private var activity = "starting"
    private var throttledUntil: Date?
    private var lastProgress = Date()

    /// Longest time the main loop may go without progress before the watchdog stops pinging.
    public static let stallLimit: TimeInterval = 300

    /// A state that says `starting`.
    public init() {}

    /// A consistent copy of the current state.
    public func snapshot() -> Snapshot {
        Snapshot(activity: activity, throttledUntil: throttledUntil)
    }

    /// Records what the daemon is doing now; counts as progress for the watchdog.
    public func setActivity(_ text: String) {
        activity = text
        lastProgress = Date()
    }

    /// False when the main loop has not moved for ``stallLimit`` (then systemd restarts the daemon).
    public func isMakingProgress() -> Bool {
        Date().timeIntervalSince(lastProgress) < Self.stallLimit
    }

    /// Records until when sending is paused by throttling (nil: not paused).
    public func setThrottled(until date: Date?) {
        throttledUntil = date
    }
}

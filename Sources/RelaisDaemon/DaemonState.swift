import Foundation
import Relais
import Systemd

/// What the daemon is doing, shared by its services for the heartbeat and sd_notify STATUS.
public actor DaemonState {
    /// A consistent copy of the state.
    public struct Snapshot: Sendable {
        /// What the daemon is doing: `idle`, `sending`, or why it is paused.
        public var activity: String
        /// Sending is paused by throttling until then.
        public var throttledUntil: Date?
    }

    private var activity = "starting"
    private var problem: String?
    private var throttledUntil: Date?
    /// Progress for the watchdog (outcomes, passes, deliberate waits).
    public nonisolated let progress: ProgressMeter

    /// The stall limit when `RELAIS_WATCHDOG_STALL` (seconds) does not set one.
    public static let defaultStallLimit: Duration = .seconds(300)

    /// A state that says `starting`; the watchdog gives up after `stallLimit` without progress.
    public init(stallLimit: Duration = defaultStallLimit) {
        progress = ProgressMeter(stallLimit: stallLimit)
    }

    /// A consistent copy of the current state.
    public func snapshot() -> Snapshot {
        Snapshot(activity: problem.map { "\(activity); \($0)" } ?? activity, throttledUntil: throttledUntil)
    }

    /// Records what the daemon is doing now; counts as progress for the watchdog.
    public func setActivity(_ text: String) {
        activity = text
        progress.note()
    }

    /// Records why sending is held back (relay pause, database unavailable), or nil when it is not.
    public func setProblem(_ text: String?) {
        problem = text
    }

    /// The problem last set, if any.
    public func currentProblem() -> String? { problem }

    /// False when the main loop has not moved for the stall limit (then systemd restarts the daemon).
    public nonisolated func isMakingProgress() -> Bool {
        progress.isMakingProgress()
    }

    /// Records until when sending is paused by throttling (nil: not paused).
    public func setThrottled(until date: Date?) {
        throttledUntil = date
    }
}

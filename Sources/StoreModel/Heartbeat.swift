import Foundation

/// What the running daemon says about itself: the single row of `heartbeat`.
public struct Heartbeat: Codable, Sendable, Hashable {
    /// The daemon's process id.
    public var pid: Int32
    /// The daemon's version.
    public var version: String
    /// When the daemon started.
    public var startedAt: Date
    /// When the row was last written.
    public var beatAt: Date
    /// What it is doing: `idle`, `sending 12`, `stopping`.
    public var activity: String
    /// The transport is paused by throttling until then.
    public var throttledUntil: Date?

    /// A heartbeat of process `pid`.
    public init(pid: Int32, version: String, startedAt: Date, beatAt: Date, activity: String, throttledUntil: Date?) {
        self.pid = pid
        self.version = version
        self.startedAt = startedAt
        self.beatAt = beatAt
        self.activity = activity
        self.throttledUntil = throttledUntil
    }
}

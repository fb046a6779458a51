import Foundation

/// What a running daemon says about itself: its row of `heartbeat` (SQLite keeps one, for its
/// one daemon; PostgreSQL one per daemon instance).
public struct Heartbeat: Codable, Sendable, Hashable {
    /// Which daemon instance wrote it (its lease owner name); nil in rows older than the field.
    public var instanceId: String?
    /// The host the daemon runs on; nil in rows older than the field.
    public var host: String?
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

    /// A heartbeat of process `pid` of daemon instance `instanceId` on `host`.
    public init(
        instanceId: String?, host: String?, pid: Int32, version: String, startedAt: Date, beatAt: Date, activity: String,
        throttledUntil: Date?
    ) {
        self.instanceId = instanceId
        self.host = host
        self.pid = pid
        self.version = version
        self.startedAt = startedAt
        self.beatAt = beatAt
        self.activity = activity
        self.throttledUntil = throttledUntil
    }
}

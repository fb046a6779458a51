import Foundation
import GRDB

/// What the running daemon says about itself: the single row of `heartbeat`.
public struct HeartbeatRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "heartbeat"

    public var id: Int64 = 1
    public var pid: Int32
    public var version: String
    public var startedAt: Date
    public var beatAt: Date
    /// What it is doing: `idle`, `sending 12`, `stopping`.
    public var activity: String
    /// The transport is paused by throttling until then.
    public var throttledUntil: Date?

    public init(pid: Int32, version: String, startedAt: Date, beatAt: Date, activity: String, throttledUntil: Date?) {
        self.pid = pid
        self.version = version
        self.startedAt = startedAt
        self.beatAt = beatAt
        self.activity = activity
        self.throttledUntil = throttledUntil
    }
}

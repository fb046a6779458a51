import Foundation
import Store

/// One of `status --json`'s `daemons`: a daemon instance's last heartbeat.
struct DaemonJSON: Encodable {
    var instance_id: String?
    var host: String?
    var pid: Int32
    var version: String
    var started_at: Date
    var last_beat: Date
    var heartbeat_age_seconds: Int
    var activity: String
    var alive: Bool
    var throttled_until: Date?

    init(_ heartbeat: Heartbeat, now: Date) {
        instance_id = heartbeat.instanceId
        host = heartbeat.host
        pid = heartbeat.pid
        version = heartbeat.version
        started_at = heartbeat.startedAt
        last_beat = heartbeat.beatAt
        heartbeat_age_seconds = Int(now.timeIntervalSince(heartbeat.beatAt))
        activity = heartbeat.activity
        alive = StatusReport.isAlive(heartbeat, now: now)
        throttled_until = heartbeat.throttledUntil
    }
}

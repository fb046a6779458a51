import Foundation
import GRDB

extension RelaisStore {
    /// Records that the daemon is alive and what it is doing.
    public func beat(_ heartbeat: HeartbeatRecord) throws(StoreError) {
        try write { db in try heartbeat.save(db) }
    }

    /// The daemon's last heartbeat, if it ever ran.
    public func heartbeat() throws(StoreError) -> HeartbeatRecord? {
        try read { db in try HeartbeatRecord.fetchOne(db) }
    }
}

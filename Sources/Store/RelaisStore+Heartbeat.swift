import Foundation
import GRDB
import StoreModel

extension RelaisStore {
    /// Records that the daemon is alive and what it is doing.
    public func beat(_ heartbeat: Heartbeat) throws(StoreError) {
        try write { db in try HeartbeatRow(heartbeat).save(db) }
    }

    /// The daemon's last heartbeat, if it ever ran.
    public func heartbeat() throws(StoreError) -> Heartbeat? {
        try read { db in try HeartbeatRow.fetchOne(db)?.value }
    }
}

import Foundation
import GRDB
import StoreModel

extension RelaisStore {
    /// When the daemon last did something that leaves a trace without a heartbeat (a run of
    /// `relaisd --once`): the later of its last delivery attempt and its reminder planning mark.
    public func lastDaemonActivity() throws(StoreError) -> Date? {
        try read { db in
            let attempt = try Date.fetchOne(db, sql: "SELECT MAX(finishedAt) FROM attempt")
            let planned = try Date.fetchOne(db, sql: "SELECT remindersPlannedUntil FROM plannerState WHERE id = 1")
            return [attempt, planned].compactMap { $0 }.max()
        }
    }
}

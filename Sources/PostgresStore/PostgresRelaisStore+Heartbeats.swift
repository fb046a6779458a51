import Foundation
import PostgresNIO
import StoreModel

/// One heartbeat row per daemon instance, so `relaisctl status` shows every relaisd on the database.
extension PostgresRelaisStore {
    /// Writes `heartbeat` over its instance's row (`instanceId`), or adds the row. It notifies
    /// nobody: a daemon's own beat must not wake it, and a beat makes no message due.
    ///
    /// A heartbeat without an `instanceId` is refused: on a shared store it would be nobody's row.
    /// A missing host is stored as empty text and read back as nil.
    public func beat(_ heartbeat: Heartbeat) throws(StoreError) {
        guard let instanceId = heartbeat.instanceId, !instanceId.isEmpty else {
            throw StoreError(.conflict, "PostgreSQL: cannot write a heartbeat that names no daemon instance")
        }
        try transaction("write the heartbeat") { connection, logger in
            _ = try await connection.query(
                """
                INSERT INTO "heartbeat" ("instanceId", "host", "pid", "version", "startedAt", "beatAt", "activity", "throttledUntil")
                VALUES (\(instanceId), \(heartbeat.host ?? ""), \(heartbeat.pid), \(heartbeat.version), \(heartbeat.startedAt),
                  \(heartbeat.beatAt), \(heartbeat.activity), \(heartbeat.throttledUntil))
                ON CONFLICT ("instanceId") DO UPDATE SET "host" = EXCLUDED."host", "pid" = EXCLUDED."pid",
                  "version" = EXCLUDED."version", "startedAt" = EXCLUDED."startedAt", "beatAt" = EXCLUDED."beatAt",
                  "activity" = EXCLUDED."activity", "throttledUntil" = EXCLUDED."throttledUntil"
                """, logger: logger)
        }
    }

    /// Every daemon instance's heartbeat, the latest beat first.
    public func heartbeats() throws(StoreError) -> [Heartbeat] {
        try transaction("read the heartbeats") { connection, logger in
            let rows = try await connection.query(
                """
                SELECT "instanceId", "host", "pid", "version", "startedAt", "beatAt", "activity", "throttledUntil"
                FROM "heartbeat" ORDER BY "beatAt" DESC, "instanceId"
                """, logger: logger)
            var heartbeats: [Heartbeat] = []
            for try await (instanceId, host, pid, version, startedAt, beatAt, activity, throttledUntil)
                in rows.decode((String, String, Int32, String, Date, Date, String, Date?).self)
            {
                heartbeats.append(Heartbeat(
                    instanceId: instanceId, host: host.isEmpty ? nil : host, pid: pid, version: version, startedAt: startedAt,
                    beatAt: beatAt, activity: activity, throttledUntil: throttledUntil))
            }
            return heartbeats
        }
    }
}

import GRDB

extension StoreMigrations {
    /// Which daemon instance wrote the heartbeat, and on which host: what `relaisctl status`
    /// shows for every daemon (PostgreSQL keeps one row per daemon; SQLite's one daemon keeps one).
    static func v11HeartbeatInstance(_ db: Database) throws {
        try db.alter(table: "heartbeat") { t in
            t.add(column: "instanceId", .text)
            t.add(column: "host", .text)
        }
    }
}

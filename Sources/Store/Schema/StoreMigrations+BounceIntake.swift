import GRDB
import StoreModel

extension StoreMigrations {
    /// What the bounce mailbox told: one row per message read (DSN, ARF, mailto unsubscribe, or
    /// mail left for people), keyed by its Message-ID so nothing counts twice; and the member
    /// history learns the sources `mail` (a mailto unsubscribe) and `bounce`, and the change
    /// `bounced` (memberChange is rebuilt: SQLite cannot alter a CHECK constraint).
    static func v9BounceIntake(_ db: Database) throws {
        try db.create(table: "inboundMail") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("messageKey", .text).notNull().unique()
            t.column("mailbox", .text).indexed()
            t.column("kind", .text).notNull().check { ["hard", "soft", "complaint", "unsubscribe", "human"].contains($0) }
            t.column("outcome", .text).notNull()
                .check { ["bounced", "counted", "unsubscribed", "left-list", "unmatched", "human"].contains($0) }
            t.column("memberId", .integer).indexed().references("member", onDelete: .setNull)
            t.column("queueId", .integer).references("queue", onDelete: .setNull)
            t.column("status", .text)
            t.column("detail", .text)
            t.column("receivedAt", .datetime).notNull()
        }
        try db.create(table: "memberChangeNew") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("memberId", .integer).notNull().references("member", onDelete: .cascade)
            t.column("at", .datetime).notNull()
            t.column("source", .text).notNull()
                .check { ["web", "cli", "complaint", "mail", "bounce"].contains($0) }
            t.column("change", .text).notNull()
                .check { ["left-list", "rejoined-list", "left-everything", "rejoined-everything", "language", "bounced"].contains($0) }
            t.column("list", .text)
            t.column("detail", .text)
        }
        try db.execute(sql: "INSERT INTO memberChangeNew SELECT id, memberId, at, source, change, list, detail FROM memberChange")
        try db.drop(table: "memberChange")
        try db.rename(table: "memberChangeNew", to: "memberChange")
        try db.create(index: "memberChange_on_memberId", on: "memberChange", columns: ["memberId"])
    }

    /// Forgotten members (GDPR art. 17): a keyed hash of each address (HMAC-SHA-256 with a
    /// per-database salt), so a later import does not add her again; the address is not kept.
    static func v10Suppression(_ db: Database) throws {
        try db.create(table: "suppression") { t in
            t.primaryKey("addressHash", .text)
            t.column("reason", .text).notNull()
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "storeSecret") { t in
            t.primaryKey("name", .text)
            t.column("value", .blob).notNull()
        }
    }
}

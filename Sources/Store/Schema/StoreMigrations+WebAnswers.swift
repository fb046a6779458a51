import GRDB
import StoreModel

extension StoreMigrations {
    /// What members answer over the web: the history of their subscription changes (with the
    /// time and the source: web, CLI, complaint) and their RSVP to event occurrences.
    static func v8WebAnswers(_ db: Database) throws {
        try db.create(table: "memberChange") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("memberId", .integer).notNull().indexed().references("member", onDelete: .cascade)
            t.column("at", .datetime).notNull()
            t.column("source", .text).notNull()
                .check { ["web", "cli", "complaint"].contains($0) }
            t.column("change", .text).notNull()
                .check { ["left-list", "rejoined-list", "left-everything", "rejoined-everything", "language"].contains($0) }
            t.column("list", .text)
            t.column("detail", .text)
        }
        try db.create(table: "rsvp") { t in
            t.column("memberId", .integer).notNull().references("member", onDelete: .cascade)
            t.column("eventId", .integer).notNull().references("event", onDelete: .cascade)
            t.column("occurrence", .text).notNull()
            t.column("answer", .text).notNull().check { ["yes", "no"].contains($0) }
            t.column("answeredAt", .datetime).notNull()
            t.primaryKey(["eventId", "occurrence", "memberId"])
        }
    }
}

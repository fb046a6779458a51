import GRDB
import StoreModel

/// The named, frozen migrations of the Relais database.
///
/// A migration is never edited once it has shipped: a schema change is a new migration
/// appended at the end. `RelaisStore` refuses a database that has migrations this list
/// does not know (a newer Relais wrote it).
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-members-queue", migrate: v1MembersQueue)
        migrator.registerMigration("v2-events-announcements", migrate: v2EventsAnnouncements)
        migrator.registerMigration("v3-planner-state", migrate: v3PlannerState)
        migrator.registerMigration("v4-announcement-event", migrate: v4AnnouncementEvent)
        migrator.registerMigration("v5-queue-due-indexes", migrate: v5QueueDueIndexes)
        migrator.registerMigration("v6-application-id", migrate: v6ApplicationID)
        migrator.registerMigration("v7-announcement-previous", migrate: v7AnnouncementPrevious)
        migrator.registerMigration("v8-web-answers", migrate: v8WebAnswers)
        migrator.registerMigration("v9-bounce-intake", migrate: v9BounceIntake)
        migrator.registerMigration("v10-suppression", migrate: v10Suppression)
        migrator.registerMigration("v11-heartbeat-instance", migrate: v11HeartbeatInstance)
        return migrator
    }

    /// The first migration: a database that has it is a Relais database, marked or not.
    static let first = "v1-members-queue"

    /// Members, lists, memberships, the delivery queue, its attempts ledger and the heartbeat.
    private static func v1MembersQueue(_ db: Database) throws {
        try db.create(table: "member") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("email", .text).notNull().unique().collate(.nocase)
            t.column("name", .text).notNull()
            t.column("locale", .text).notNull()
            t.column("status", .text).notNull().defaults(to: "active")
                .check { ["active", "unsubscribed", "bounced"].contains($0) }
            t.column("unsubscribeToken", .text).notNull().unique()
            t.column("bounceReply", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
        }
        try db.create(table: "list") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique().collate(.nocase)
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "membership") { t in
            t.belongsTo("member", onDelete: .cascade).notNull()
            t.belongsTo("list", onDelete: .cascade).notNull()
            t.column("subscribed", .boolean).notNull().defaults(to: true)
            t.column("changedAt", .datetime).notNull()
            t.primaryKey(["memberId", "listId"])
        }
        try db.create(table: "queue") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("idempotencyKey", .text).notNull().unique()
            t.column("kind", .text).notNull()
            t.column("source", .text).notNull()
            t.belongsTo("member", onDelete: .setNull)
            t.column("recipient", .text).notNull()
            t.column("recipientName", .text).notNull()
            t.column("locale", .text).notNull()
            t.column("template", .text).notNull()
            t.column("payload", .blob)
            t.column("dueAt", .datetime).notNull()
            t.column("notAfter", .datetime)
            t.column("state", .text).notNull()
                .check { ["scheduled", "queued", "sending", "sent", "deferred", "failed", "unknown", "held", "cancelled", "skipped"].contains($0) }
            t.column("attempts", .integer).notNull().defaults(to: 0)
            t.column("nextAttemptAt", .datetime).notNull()
            t.column("leaseOwner", .text)
            t.column("leaseExpiresAt", .datetime)
            t.column("lastReplyCode", .integer)
            t.column("lastReplyEnhanced", .text)
            t.column("lastReplyText", .text)
            t.column("reason", .text)
            t.column("messageId", .text).notNull().unique()
            t.column("body", .blob)
            t.column("sentAt", .datetime)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
        }
        try db.create(index: "queue_on_state_nextAttemptAt", on: "queue", columns: ["state", "nextAttemptAt"])
        try db.create(table: "attempt") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("queue", onDelete: .cascade).notNull()
            t.column("startedAt", .datetime).notNull()
            t.column("finishedAt", .datetime).notNull()
            t.column("outcome", .text).notNull()
            t.column("countsAsAttempt", .boolean).notNull()
            t.column("replyCode", .integer)
            t.column("replyEnhanced", .text)
            t.column("replyText", .text)
        }
        try db.create(index: "attempt_on_finishedAt", on: "attempt", columns: ["finishedAt"])
        try db.create(table: "heartbeat") { t in
            t.primaryKey("id", .integer).check { $0 == 1 }
            t.column("pid", .integer).notNull()
            t.column("version", .text).notNull()
            t.column("startedAt", .datetime).notNull()
            t.column("beatAt", .datetime).notNull()
            t.column("activity", .text).notNull()
            t.column("throttledUntil", .datetime)
        }
    }

    /// Events with their exceptions, and announcements.
    private static func v2EventsAnnouncements(_ db: Database) throws {
        try db.create(table: "event") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("uid", .text).notNull().unique()
            t.column("titles", .jsonText).notNull()
            t.column("descriptions", .jsonText).notNull()
            t.column("startLocal", .text).notNull()
            t.column("timeZone", .text).notNull()
            t.column("rule", .text)
            t.column("durationSeconds", .integer).notNull()
            t.column("lists", .jsonText).notNull()
            t.column("reminders", .jsonText).notNull()
            t.column("template", .text).notNull()
            t.column("location", .text)
            t.column("url", .text)
            t.column("sequence", .integer).notNull().defaults(to: 0)
            t.column("cancelled", .boolean).notNull().defaults(to: false)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
        }
        try db.create(table: "eventException") { t in
            t.belongsTo("event", onDelete: .cascade).notNull()
            t.column("occurrence", .text).notNull()
            t.column("movedTo", .text)
            t.column("createdAt", .datetime).notNull()
            t.primaryKey(["eventId", "occurrence"])
        }
        try db.create(table: "announcement") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("template", .text).notNull()
            t.column("lists", .jsonText).notNull()
            t.column("data", .blob)
            t.column("dueAt", .datetime).notNull()
            t.column("state", .text).notNull().check { ["pending", "queued", "cancelled"].contains($0) }
            t.column("queuedCount", .integer).notNull().defaults(to: 0)
            t.column("createdAt", .datetime).notNull()
        }
    }

    /// How far the daemon has planned reminders, so ones missed while it was down are found.
    private static func v3PlannerState(_ db: Database) throws {
        try db.create(table: "plannerState") { t in
            t.primaryKey("id", .integer).check { $0 == 1 }
            t.column("remindersPlannedUntil", .datetime).notNull()
        }
    }

    /// An announcement may be about one event occurrence (meetup-announcement, meetup-cancelled).
    private static func v4AnnouncementEvent(_ db: Database) throws {
        try db.alter(table: "announcement") { t in
            t.add(column: "eventId", .integer).references("event", onDelete: .setNull)
            t.add(column: "occurrence", .text)
        }
    }

    /// Indexes that let a claim read only the rows it takes, however long the queue: the due
    /// rows in due order, and the unsent rows with a deadline.
    private static func v5QueueDueIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX queue_due ON queue(nextAttemptAt, id) WHERE state IN ('scheduled', 'queued', 'deferred');
            CREATE INDEX queue_deadline ON queue(notAfter) WHERE notAfter IS NOT NULL AND state IN ('scheduled', 'queued', 'deferred', 'sending');
            """)
    }

    /// Marks the file as a Relais database (`PRAGMA application_id`), so that Relais can tell,
    /// before writing anything, that a file at `store.path` is not its own.
    private static func v6ApplicationID(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(DatabaseFileCheck.applicationID)")
    }

    /// A change notice (`meetup-changed`) remembers where and when the occurrence was before
    /// the change (JSON), so the message can say "moved from … to …".
    private static func v7AnnouncementPrevious(_ db: Database) throws {
        try db.alter(table: "announcement") { t in
            t.add(column: "previous", .blob)
        }
    }
}

extension PostgresSchema {
    /// `v1-initial`: SQLite's `v1-members-queue` … `v10-suppression`, as one PostgreSQL migration.
    static let initial = PostgresMigration(first, [
        // v1: members, lists, memberships.
        """
        CREATE TABLE "member" (
            "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "email" text NOT NULL,
            "name" text NOT NULL,
            "locale" text NOT NULL,
            "status" text NOT NULL DEFAULT 'active' CHECK ("status" IN ('active', 'unsubscribed', 'bounced')),
            "unsubscribeToken" text NOT NULL UNIQUE,
            "bounceReply" text,
            "createdAt" timestamptz NOT NULL,
            "updatedAt" timestamptz NOT NULL
        )
        """,
        #"CREATE UNIQUE INDEX "member_email_nocase" ON "member" (lower("email"))"#,
        """
        CREATE TABLE "list" (
            "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "name" text NOT NULL,
            "createdAt" timestamptz NOT NULL
        )
        """,
        #"CREATE UNIQUE INDEX "list_name_nocase" ON "list" (lower("name"))"#,
        """
        CREATE TABLE "membership" (
            "memberId" bigint NOT NULL REFERENCES "member"("id") ON DELETE CASCADE,
            "listId" bigint NOT NULL REFERENCES "list"("id") ON DELETE CASCADE,
            "subscribed" boolean NOT NULL DEFAULT true,
            "changedAt" timestamptz NOT NULL,
            PRIMARY KEY ("memberId", "listId")
        )
        """,
        #"CREATE INDEX "membership_on_memberId" ON "membership" ("memberId")"#,
        #"CREATE INDEX "membership_on_listId" ON "membership" ("listId")"#,

        // v1: the delivery queue (one row per recipient message) and its attempts ledger.
        """
        CREATE TABLE "queue" (
            "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "idempotencyKey" text NOT NULL UNIQUE,
            "kind" text NOT NULL,
            "source" text NOT NULL,
            "memberId" bigint REFERENCES "member"("id") ON DELETE SET NULL,
            "recipient" text NOT NULL,
            "recipientName" text NOT NULL,
            "locale" text NOT NULL,
            "template" text NOT NULL,
            "payload" bytea,
            "dueAt" timestamptz NOT NULL,
            "notAfter" timestamptz,
            "state" text NOT NULL CHECK ("state" IN ('scheduled', 'queued', 'sending', 'sent', 'deferred', 'failed', 'unknown', 'held', 'cancelled', 'skipped')),
            "attempts" integer NOT NULL DEFAULT 0,
            "nextAttemptAt" timestamptz NOT NULL,
            "leaseOwner" text,
            "leaseExpiresAt" timestamptz,
            "lastReplyCode" integer,
            "lastReplyEnhanced" text,
            "lastReplyText" text,
            "reason" text,
            "messageId" text NOT NULL UNIQUE,
            "body" bytea,
            "sentAt" timestamptz,
            "createdAt" timestamptz NOT NULL,
            "updatedAt" timestamptz NOT NULL
        )
        """,
        #"CREATE INDEX "queue_on_state_nextAttemptAt" ON "queue" ("state", "nextAttemptAt")"#,
        #"CREATE INDEX "queue_on_memberId" ON "queue" ("memberId")"#,
        // v5: what a claim reads, however long the queue: the due rows in due order, and the
        // unsent rows with a deadline.
        #"CREATE INDEX "queue_due" ON "queue" ("nextAttemptAt", "id") WHERE "state" IN ('scheduled', 'queued', 'deferred')"#,
        """
        CREATE INDEX "queue_deadline" ON "queue" ("notAfter")
            WHERE "notAfter" IS NOT NULL AND "state" IN ('scheduled', 'queued', 'deferred', 'sending')
        """,
        """
        CREATE TABLE "attempt" (
            "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "queueId" bigint NOT NULL REFERENCES "queue"("id") ON DELETE CASCADE,
            "startedAt" timestamptz NOT NULL,
            "finishedAt" timestamptz NOT NULL,
            "outcome" text NOT NULL,
            "countsAsAttempt" boolean NOT NULL,
            "replyCode" integer,
            "replyEnhanced" text,
            "replyText" text
        )
        """,
        #"CREATE INDEX "attempt_on_queueId" ON "attempt" ("queueId")"#,
        #"CREATE INDEX "attempt_on_finishedAt" ON "attempt" ("finishedAt")"#,

        // v1, changed: one heartbeat per daemon instance, since several share the database.
        """
        CREATE TABLE "heartbeat" (
            "instanceId" text PRIMARY KEY,
            "host" text NOT NULL,
            "pid" integer NOT NULL,
            "version" text NOT NULL,
            "startedAt" timestamptz NOT NULL,
            "beatAt" timestamptz NOT NULL,
            "activity" text NOT NULL,
            "throttledUntil" timestamptz
        )
        """,
        #"CREATE INDEX "heartbeat_on_beatAt" ON "heartbeat" ("beatAt")"#,

        // v2: events with their exceptions, and announcements (v4: about one occurrence;
        // v7: the time and place before a change).
        """
        CREATE TABLE "event" (
            "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "uid" text NOT NULL UNIQUE,
            "titles" jsonb NOT NULL,
            "descriptions" jsonb NOT NULL,
            "startLocal" text NOT NULL,
            "timeZone" text NOT NULL,
            "rule" text,
            "durationSeconds" integer NOT NULL,
            "lists" jsonb NOT NULL,
            "reminders" jsonb NOT NULL,
            "template" text NOT NULL,
            "location" text,
            "url" text,
            "sequence" integer NOT NULL DEFAULT 0,
            "cancelled" boolean NOT NULL DEFAULT false,
            "createdAt" timestamptz NOT NULL,
            "updatedAt" timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE "eventException" (
            "eventId" bigint NOT NULL REFERENCES "event"("id") ON DELETE CASCADE,
            "occurrence" text NOT NULL,
            "movedTo" text,
            "createdAt" timestamptz NOT NULL,
            PRIMARY KEY ("eventId", "occurrence")
        )
        """,
        #"CREATE INDEX "eventException_on_eventId" ON "eventException" ("eventId")"#,
        """
        CREATE TABLE "announcement" (
            "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "template" text NOT NULL,
            "lists" jsonb NOT NULL,
            "data" bytea,
            "dueAt" timestamptz NOT NULL,
            "state" text NOT NULL CHECK ("state" IN ('pending', 'queued', 'cancelled')),
            "queuedCount" integer NOT NULL DEFAULT 0,
            "createdAt" timestamptz NOT NULL,
            "eventId" bigint REFERENCES "event"("id") ON DELETE SET NULL,
            "occurrence" text,
            "previous" bytea
        )
        """,

        // v3: how far reminders are planned (one row: one planner at a time, under a lock).
        """
        CREATE TABLE "plannerState" (
            "id" integer PRIMARY KEY CHECK ("id" = 1),
            "remindersPlannedUntil" timestamptz NOT NULL
        )
        """,

        // v8: members' answers over the web (v9: the sources mail and bounce, the change bounced).
        """
        CREATE TABLE "memberChange" (
            "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "memberId" bigint NOT NULL REFERENCES "member"("id") ON DELETE CASCADE,
            "at" timestamptz NOT NULL,
            "source" text NOT NULL CHECK ("source" IN ('web', 'cli', 'complaint', 'mail', 'bounce')),
            "change" text NOT NULL CHECK ("change" IN ('left-list', 'rejoined-list', 'left-everything', 'rejoined-everything', 'language', 'bounced')),
            "list" text,
            "detail" text
        )
        """,
        #"CREATE INDEX "memberChange_on_memberId" ON "memberChange" ("memberId")"#,
        """
        CREATE TABLE "rsvp" (
            "memberId" bigint NOT NULL REFERENCES "member"("id") ON DELETE CASCADE,
            "eventId" bigint NOT NULL REFERENCES "event"("id") ON DELETE CASCADE,
            "occurrence" text NOT NULL,
            "answer" text NOT NULL CHECK ("answer" IN ('yes', 'no')),
            "answeredAt" timestamptz NOT NULL,
            PRIMARY KEY ("eventId", "occurrence", "memberId")
        )
        """,

        // v9: what the bounce mailbox told.
        """
        CREATE TABLE "inboundMail" (
            "id" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "messageKey" text NOT NULL UNIQUE,
            "mailbox" text,
            "kind" text NOT NULL CHECK ("kind" IN ('hard', 'soft', 'complaint', 'unsubscribe', 'human')),
            "outcome" text NOT NULL CHECK ("outcome" IN ('bounced', 'counted', 'unsubscribed', 'left-list', 'unmatched', 'human')),
            "memberId" bigint REFERENCES "member"("id") ON DELETE SET NULL,
            "queueId" bigint REFERENCES "queue"("id") ON DELETE SET NULL,
            "status" text,
            "detail" text,
            "receivedAt" timestamptz NOT NULL
        )
        """,
        #"CREATE INDEX "inboundMail_on_mailbox" ON "inboundMail" ("mailbox")"#,
        #"CREATE INDEX "inboundMail_on_memberId" ON "inboundMail" ("memberId")"#,

        // v10: forgotten members' address hashes, and the per-database salt.
        """
        CREATE TABLE "suppression" (
            "addressHash" text PRIMARY KEY,
            "reason" text NOT NULL,
            "createdAt" timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE "storeSecret" (
            "name" text PRIMARY KEY,
            "value" bytea NOT NULL
        )
        """,
    ])
}

-- index attempt_on_finishedAt
CREATE INDEX "attempt_on_finishedAt" ON "attempt"("finishedAt");

-- index attempt_on_queueId
CREATE INDEX "attempt_on_queueId" ON "attempt"("queueId");

-- index eventException_on_eventId
CREATE INDEX "eventException_on_eventId" ON "eventException"("eventId");

-- index inboundMail_on_mailbox
CREATE INDEX "inboundMail_on_mailbox" ON "inboundMail"("mailbox");

-- index inboundMail_on_memberId
CREATE INDEX "inboundMail_on_memberId" ON "inboundMail"("memberId");

-- index memberChange_on_memberId
CREATE INDEX "memberChange_on_memberId" ON "memberChange"("memberId");

-- index membership_on_listId
CREATE INDEX "membership_on_listId" ON "membership"("listId");

-- index membership_on_memberId
CREATE INDEX "membership_on_memberId" ON "membership"("memberId");

-- index queue_deadline
CREATE INDEX queue_deadline ON queue(notAfter) WHERE notAfter IS NOT NULL AND state IN ('scheduled', 'queued', 'deferred', 'sending');

-- index queue_due
CREATE INDEX queue_due ON queue(nextAttemptAt, id) WHERE state IN ('scheduled', 'queued', 'deferred');

-- index queue_on_memberId
CREATE INDEX "queue_on_memberId" ON "queue"("memberId");

-- index queue_on_state_nextAttemptAt
CREATE INDEX "queue_on_state_nextAttemptAt" ON "queue"("state", "nextAttemptAt");

-- table announcement
CREATE TABLE "announcement" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "template" TEXT NOT NULL, "lists" TEXT NOT NULL, "data" BLOB, "dueAt" DATETIME NOT NULL, "state" TEXT NOT NULL CHECK ("state" IN ('pending', 'queued', 'cancelled')), "queuedCount" INTEGER NOT NULL DEFAULT 0, "createdAt" DATETIME NOT NULL, "eventId" INTEGER REFERENCES "event"("id") ON DELETE SET NULL, "occurrence" TEXT, "previous" BLOB);

-- table attempt
CREATE TABLE "attempt" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "queueId" INTEGER NOT NULL REFERENCES "queue"("id") ON DELETE CASCADE, "startedAt" DATETIME NOT NULL, "finishedAt" DATETIME NOT NULL, "outcome" TEXT NOT NULL, "countsAsAttempt" BOOLEAN NOT NULL, "replyCode" INTEGER, "replyEnhanced" TEXT, "replyText" TEXT);

-- table event
CREATE TABLE "event" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "uid" TEXT NOT NULL UNIQUE, "titles" TEXT NOT NULL, "descriptions" TEXT NOT NULL, "startLocal" TEXT NOT NULL, "timeZone" TEXT NOT NULL, "rule" TEXT, "durationSeconds" INTEGER NOT NULL, "lists" TEXT NOT NULL, "reminders" TEXT NOT NULL, "template" TEXT NOT NULL, "location" TEXT, "url" TEXT, "sequence" INTEGER NOT NULL DEFAULT 0, "cancelled" BOOLEAN NOT NULL DEFAULT 0, "createdAt" DATETIME NOT NULL, "updatedAt" DATETIME NOT NULL);

-- table eventException
CREATE TABLE "eventException" ("eventId" INTEGER NOT NULL REFERENCES "event"("id") ON DELETE CASCADE, "occurrence" TEXT NOT NULL, "movedTo" TEXT, "createdAt" DATETIME NOT NULL, PRIMARY KEY ("eventId", "occurrence"));

-- table heartbeat
CREATE TABLE "heartbeat" ("id" INTEGER PRIMARY KEY CHECK ("id" = 1), "pid" INTEGER NOT NULL, "version" TEXT NOT NULL, "startedAt" DATETIME NOT NULL, "beatAt" DATETIME NOT NULL, "activity" TEXT NOT NULL, "throttledUntil" DATETIME, "instanceId" TEXT, "host" TEXT);

-- table inboundMail
CREATE TABLE "inboundMail" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "messageKey" TEXT NOT NULL UNIQUE, "mailbox" TEXT, "kind" TEXT NOT NULL CHECK ("kind" IN ('hard', 'soft', 'complaint', 'unsubscribe', 'human')), "outcome" TEXT NOT NULL CHECK ("outcome" IN ('bounced', 'counted', 'unsubscribed', 'left-list', 'unmatched', 'human')), "memberId" INTEGER REFERENCES "member"("id") ON DELETE SET NULL, "queueId" INTEGER REFERENCES "queue"("id") ON DELETE SET NULL, "status" TEXT, "detail" TEXT, "receivedAt" DATETIME NOT NULL);

-- table list
CREATE TABLE "list" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL UNIQUE COLLATE NOCASE, "createdAt" DATETIME NOT NULL);

-- table member
CREATE TABLE "member" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "email" TEXT NOT NULL UNIQUE COLLATE NOCASE, "name" TEXT NOT NULL, "locale" TEXT NOT NULL, "status" TEXT NOT NULL CHECK ("status" IN ('active', 'unsubscribed', 'bounced')) DEFAULT 'active', "unsubscribeToken" TEXT NOT NULL UNIQUE, "bounceReply" TEXT, "createdAt" DATETIME NOT NULL, "updatedAt" DATETIME NOT NULL);

-- table memberChange
CREATE TABLE "memberChange" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "memberId" INTEGER NOT NULL REFERENCES "member"("id") ON DELETE CASCADE, "at" DATETIME NOT NULL, "source" TEXT NOT NULL CHECK ("source" IN ('web', 'cli', 'complaint', 'mail', 'bounce')), "change" TEXT NOT NULL CHECK ("change" IN ('left-list', 'rejoined-list', 'left-everything', 'rejoined-everything', 'language', 'bounced')), "list" TEXT, "detail" TEXT);

-- table membership
CREATE TABLE "membership" ("memberId" INTEGER NOT NULL REFERENCES "member"("id") ON DELETE CASCADE, "listId" INTEGER NOT NULL REFERENCES "list"("id") ON DELETE CASCADE, "subscribed" BOOLEAN NOT NULL DEFAULT 1, "changedAt" DATETIME NOT NULL, PRIMARY KEY ("memberId", "listId"));

-- table plannerState
CREATE TABLE "plannerState" ("id" INTEGER PRIMARY KEY CHECK ("id" = 1), "remindersPlannedUntil" DATETIME NOT NULL);

-- table queue
CREATE TABLE "queue" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "idempotencyKey" TEXT NOT NULL UNIQUE, "kind" TEXT NOT NULL, "source" TEXT NOT NULL, "memberId" INTEGER REFERENCES "member"("id") ON DELETE SET NULL, "recipient" TEXT NOT NULL, "recipientName" TEXT NOT NULL, "locale" TEXT NOT NULL, "template" TEXT NOT NULL, "payload" BLOB, "dueAt" DATETIME NOT NULL, "notAfter" DATETIME, "state" TEXT NOT NULL CHECK ("state" IN ('scheduled', 'queued', 'sending', 'sent', 'deferred', 'failed', 'unknown', 'held', 'cancelled', 'skipped')), "attempts" INTEGER NOT NULL DEFAULT 0, "nextAttemptAt" DATETIME NOT NULL, "leaseOwner" TEXT, "leaseExpiresAt" DATETIME, "lastReplyCode" INTEGER, "lastReplyEnhanced" TEXT, "lastReplyText" TEXT, "reason" TEXT, "messageId" TEXT NOT NULL UNIQUE, "body" BLOB, "sentAt" DATETIME, "createdAt" DATETIME NOT NULL, "updatedAt" DATETIME NOT NULL);

-- table rsvp
CREATE TABLE "rsvp" ("memberId" INTEGER NOT NULL REFERENCES "member"("id") ON DELETE CASCADE, "eventId" INTEGER NOT NULL REFERENCES "event"("id") ON DELETE CASCADE, "occurrence" TEXT NOT NULL, "answer" TEXT NOT NULL CHECK ("answer" IN ('yes', 'no')), "answeredAt" DATETIME NOT NULL, PRIMARY KEY ("eventId", "occurrence", "memberId"));

-- table storeSecret
CREATE TABLE "storeSecret" ("name" TEXT PRIMARY KEY NOT NULL, "value" BLOB NOT NULL);

-- table suppression
CREATE TABLE "suppression" ("addressHash" TEXT PRIMARY KEY NOT NULL, "reason" TEXT NOT NULL, "createdAt" DATETIME NOT NULL);

import Foundation
import GRDB
import StoreModel

extension RelaisStore {
    /// Inserts rows; a row whose idempotency key is already queued is ignored. Returns how many were new.
    ///
    /// This is what makes planning idempotent: whatever restarts happen, a reminder or an
    /// announcement is queued once per recipient.
    public func enqueue(_ rows: [QueueMessage]) throws(StoreError) -> Int {
        try write { db in try Self.enqueue(rows, db: db) }
    }

    static func enqueue(_ rows: [QueueMessage], db: Database) throws -> Int {
        // Prepared statements of up to `enqueueBatch` rows each, with positional arguments:
        // Codable inserts cost more than SQLite itself for a 100,000-row announcement, and one
        // statement per row spends a fifth of the time opening and closing its cursors.
        var statements: [Int: Statement] = [:]
        func statement(rows count: Int) throws -> Statement {
            if let made = statements[count] { return made }
            let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)", count: count).joined(separator: ", ")
            let made = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO queue (idempotencyKey, kind, source, memberId, recipient, recipientName, locale, template,
                  payload, dueAt, notAfter, state, attempts, nextAttemptAt, reason, messageId, createdAt, updatedAt)
                VALUES \(values)
                """)
            statements[count] = made
            return made
        }
        // Rows of one batch share their instants; formatting a date for SQLite is not free.
        var dates: [Date: DatabaseValue] = [:]
        func value(_ date: Date?) -> DatabaseValue {
            guard let date else { return .null }
            if let cached = dates[date] { return cached }
            let converted = date.databaseValue
            dates[date] = converted
            return converted
        }
        var inserted = 0
        var arguments: [DatabaseValue] = []
        arguments.reserveCapacity(enqueueBatch * 17)
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + enqueueBatch, rows.endIndex)
            arguments.removeAll(keepingCapacity: true)
            for row in rows[start..<end] {
                arguments += [
                    row.idempotencyKey.databaseValue, row.kind.databaseValue, row.source.databaseValue, row.memberId.databaseValue,
                    row.recipient.databaseValue, row.recipientName.databaseValue, row.locale.databaseValue, row.template.databaseValue,
                    row.payload.databaseValue, value(row.dueAt), value(row.notAfter), row.state.rawValue.databaseValue,
                    value(row.nextAttemptAt), row.reason.databaseValue, row.messageId.databaseValue, value(row.createdAt),
                    value(row.updatedAt),
                ]
            }
            try statement(rows: end - start).execute(arguments: StatementArguments(arguments))
            inserted += db.changesCount
            start = end
        }
        return inserted
    }

    /// Rows per INSERT statement when queueing: 17 arguments each, well under SQLite's limit of 32,766.
    static let enqueueBatch = 64

    /// Claims up to `limit` due rows for `owner` under a lease, in one transaction.
    ///
    /// Due means `scheduled`, `queued` or `deferred` with `nextAttemptAt <= now`, or `sending`
    /// under an expired lease (its worker died). Rows whose `notAfter` has passed are marked
    /// `skipped` instead, with the reason.
    public func claim(owner: String, limit: Int, now: Date, lease: TimeInterval) throws(StoreError) -> [Stored<QueueMessage>] {
        try write { db in try Self.claim(owner: owner, limit: limit, now: now, lease: lease, db: db) }
    }

    static func claim(owner: String, limit: Int, now date: Date, lease: TimeInterval, db: Database) throws -> [Stored<QueueMessage>] {
        let now = StoredDate(date)
        // Each query names the exact `state IN (…)` term of its partial index and uses it
        // (INDEXED BY queue_deadline, queue_due): SQLite reads only the rows concerned, in due
        // order, instead of scanning and sorting the whole queue on every claim.
        try db.cachedStatement(sql: """
            UPDATE queue INDEXED BY queue_deadline SET state = 'skipped', leaseOwner = NULL, leaseExpiresAt = NULL, updatedAt = :now,
              reason = 'not sent: the occurrence started at ' || strftime('%Y-%m-%dT%H:%M:%SZ', notAfter) || ' before it could go out'
            WHERE notAfter IS NOT NULL AND state IN ('scheduled', 'queued', 'deferred', 'sending')
              AND notAfter <= :now AND (state != 'sending' OR leaseExpiresAt < :now)
            """).execute(arguments: ["now": now])
        var ids = try Int64.fetchAll(
            db.cachedStatement(sql: """
                SELECT id FROM queue INDEXED BY queue_due WHERE state IN ('scheduled', 'queued', 'deferred') AND nextAttemptAt <= :now
                ORDER BY nextAttemptAt, id LIMIT :limit
                """),
            arguments: ["now": now, "limit": limit])
        if ids.count < limit {
            ids += try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT id FROM queue WHERE state = 'sending' AND leaseExpiresAt < :now ORDER BY leaseExpiresAt LIMIT :limit"),
                arguments: ["now": now, "limit": limit - ids.count])
        }
        guard !ids.isEmpty else { return [] }
        // A member who unsubscribed or bounced since her rows were queued gets none of them.
        let inactive = try Row.fetchAll(
            db,
            SQLRequest(literal: """
                SELECT queue.id, member.status FROM queue JOIN member ON member.id = queue.memberId
                WHERE queue.id IN \(ids) AND member.status != 'active'
                """))
        if !inactive.isEmpty {
            let cancel = try db.cachedStatement(sql: "UPDATE queue SET state = 'cancelled', reason = ?, updatedAt = ? WHERE id = ?")
            for row in inactive {
                let status: String = row["status"]
                try cancel.execute(arguments: ["not sent: the member is \(status)", now, row["id"] as Int64])
            }
            let cancelled = Set(inactive.map { $0["id"] as Int64 })
            ids.removeAll { cancelled.contains($0) }
            guard !ids.isEmpty else { return [] }
        }
        // A member who answered no for an occurrence since its reminder was queued does not get it.
        let declined = try declinedReminders(ids: ids, db: db)
        if !declined.isEmpty {
            let skip = try db.cachedStatement(sql: "UPDATE queue SET state = 'skipped', reason = ?, updatedAt = ? WHERE id = ?")
            for id in declined { try skip.execute(arguments: [RSVPAnswer.declinedReminderReason, now, id]) }
            let skipped = Set(declined)
            ids.removeAll { skipped.contains($0) }
            guard !ids.isEmpty else { return [] }
        }
        let expiry = StoredDate(date.addingTimeInterval(lease))
        try db.execute(literal: "UPDATE queue SET state = 'sending', leaseOwner = \(owner), leaseExpiresAt = \(expiry), updatedAt = \(now) WHERE id IN \(ids)")
        let rows = try QueueRow.filter(ids.contains(QueueRow.Columns.id)).fetchAll(db).map(\.stored)
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return rows.sorted { order[$0.id, default: 0] < order[$1.id, default: 0] }
    }

    /// Gives back every lease (at start-up: the only daemon on this database holds none yet,
    /// so any `sending` row was in flight when a previous one died). Returns how many.
    @discardableResult
    public func releaseAllLeases(now: Date = Date()) throws(StoreError) -> Int {
        try write { db in
            try db.execute(
                sql: "UPDATE queue SET state = 'queued', leaseOwner = NULL, leaseExpiresAt = NULL, updatedAt = ? WHERE state = 'sending'",
                arguments: [now])
            return db.changesCount
        }
    }

    /// Records attempts and new states in ONE transaction. Rows whose lease `owner` lost are
    /// only given their attempt (another worker has them now).
    public func record(_ results: [DeliveryResult], owner: String) throws(StoreError) {
        try write { db in try Self.record(results, owner: owner, db: db) }
    }

    static func record(_ results: [DeliveryResult], owner: String, db: Database) throws {
            let insertAttempt = try db.cachedStatement(sql: """
                INSERT INTO attempt (queueId, startedAt, finishedAt, outcome, countsAsAttempt, replyCode, replyEnhanced, replyText)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let updateRow = try db.cachedStatement(sql: """
                UPDATE queue SET state = :state, attempts = attempts + :counted, nextAttemptAt = COALESCE(:next, nextAttemptAt),
                  leaseOwner = NULL, leaseExpiresAt = NULL, lastReplyCode = :code, lastReplyEnhanced = :enhanced,
                  lastReplyText = :text, reason = :reason, sentAt = CASE WHEN :state = 'sent' THEN :finished ELSE sentAt END,
                  updatedAt = :finished, body = CASE WHEN :state = 'sent' THEN NULL ELSE COALESCE(body, :body) END
                WHERE id = :id AND state = 'sending' AND leaseOwner = :owner
                """)
            // An operator took the row (hold, cancel, and perhaps a release already) while it was
            // being sent, and it went out: the queue says so, whatever the operator made it since,
            // so that a release or the next claim does not send it twice.
            let sentMeanwhile = try db.cachedStatement(sql: """
                UPDATE queue SET state = 'sent', sentAt = :finished, updatedAt = :finished, body = NULL,
                  lastReplyCode = :code, lastReplyEnhanced = :enhanced, lastReplyText = :text, attempts = attempts + 1,
                  reason = 'sent: it had already started when an operator made it ' || state
                WHERE id = :id AND state NOT IN ('sent', 'sending') AND leaseOwner IS NULL AND :state = 'sent'
                """)
            for result in results {
                // Bound as text made without a DateFormatter (``StoredDate``): the same bytes, a
                // fraction of the cost.
                let started = StoredDate(result.startedAt), finished = StoredDate(result.finishedAt)
                let next = result.nextAttemptAt.map(StoredDate.init)
                try insertAttempt.execute(arguments: [
                    result.queueId, started, finished, result.outcome, result.countsAsAttempt,
                    result.replyCode, result.replyEnhanced, result.replyText,
                ])
                try updateRow.execute(
                    arguments: [
                        "state": result.state.rawValue, "counted": result.countsAsAttempt ? 1 : 0, "next": next,
                        "code": result.replyCode, "enhanced": result.replyEnhanced, "text": result.replyText,
                        "reason": result.reason, "finished": finished, "id": result.queueId, "owner": owner,
                        "body": result.body,
                    ])
                if db.changesCount == 0 && result.state == .sent {
                    try sentMeanwhile.execute(arguments: [
                        "finished": finished, "code": result.replyCode, "enhanced": result.replyEnhanced,
                        "text": result.replyText, "id": result.queueId, "state": result.state.rawValue,
                    ])
                }
                if result.bounceMember {
                    try db.execute(
                        sql: """
                            UPDATE member SET status = 'bounced', bounceReply = :reply, updatedAt = :now
                            WHERE id = (SELECT memberId FROM queue WHERE id = :id)
                            """,
                        arguments: ["reply": result.replyLine ?? "", "now": finished, "id": result.queueId])
                }
            }
    }

    /// Of the rows `owner` claimed (`ids`), those no longer its own to send: an operator held or
    /// cancelled them after the claim.
    public func revokedClaims(ids: [Int64], owner: String) throws(StoreError) -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            Set(try Int64.fetchAll(
                db,
                SQLRequest(literal: """
                    SELECT id FROM queue WHERE id IN \(ids) AND (state != 'sending' OR leaseOwner IS NOT \(owner))
                    """)))
        }
    }

    /// Gives back rows still leased by `owner` (on shutdown): they become due again at once.
    @discardableResult
    public func releaseLeases(owner: String, now: Date = Date()) throws(StoreError) -> Int {
        try write { db in
            try db.execute(
                sql: "UPDATE queue SET state = 'queued', leaseOwner = NULL, leaseExpiresAt = NULL, updatedAt = ? WHERE state = 'sending' AND leaseOwner = ?",
                arguments: [now, owner])
            return db.changesCount
        }
    }

    /// The earliest time a row becomes due (or a lease expires), if any.
    public func nextDueTime() throws(StoreError) -> Date? {
        try read { db in
            try Date.fetchOne(
                db,
                sql: """
                    SELECT MIN(t) FROM (
                      SELECT MIN(nextAttemptAt) AS t FROM queue WHERE state IN ('scheduled', 'queued', 'deferred')
                      UNION ALL SELECT MIN(leaseExpiresAt) FROM queue WHERE state = 'sending')
                    """)
        }
    }

    /// Successful sends since `date`, from the attempts ledger (for per-hour and per-day caps).
    public func sentTimes(since date: Date) throws(StoreError) -> [Date] {
        try read { db in
            try Date.fetchAll(db, sql: "SELECT finishedAt FROM attempt WHERE outcome = 'sent' AND finishedAt >= ? ORDER BY finishedAt", arguments: [date])
        }
    }

    /// Deferred rows older than `maxAge` past their due time become `failed`.
    public func expireDeferred(olderThan maxAge: TimeInterval, now: Date) throws(StoreError) -> Int {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE queue SET state = 'failed', updatedAt = :now,
                      reason = 'gave up: still deferred ' || :age || ' after it was due'
                    WHERE state = 'deferred' AND dueAt <= :limit
                    """,
                arguments: ["now": now, "age": ConfigAge.describe(maxAge), "limit": now.addingTimeInterval(-maxAge)])
            return db.changesCount
        }
    }
}

extension RelaisStore {
    /// Gives back claimed rows that were never tried (a pause, a reload or shutdown began), due
    /// again at `date`; `reason` (when given) says why for `queue show`.
    public func requeue(ids: [Int64], owner: String, at date: Date, reason: String? = nil) throws(StoreError) {
        _ = try write { db in
            var assignments = [
                QueueRow.Columns.state.set(to: QueueMessage.State.queued.rawValue), QueueRow.Columns.leaseOwner.set(to: nil),
                QueueRow.Columns.leaseExpiresAt.set(to: nil), QueueRow.Columns.nextAttemptAt.set(to: date),
            ]
            if let reason { assignments.append(Column("reason").set(to: reason)) }
            return try QueueRow
                .filter(ids.contains(QueueRow.Columns.id) && QueueRow.Columns.leaseOwner == owner && QueueRow.Columns.state == QueueMessage.State.sending.rawValue)
                .updateAll(db, assignments)
        }
    }
}

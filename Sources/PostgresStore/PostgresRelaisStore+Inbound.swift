import Foundation
import Logging
import PostgresNIO
import StoreModel

/// The bounce mailbox's reports (``InboundStore``): each recorded once, with the member change
/// it causes, in one transaction, as SQLite records them.
///
/// Several daemons may read the same mailbox: a report's row is inserted first, so a second
/// transaction recording the same key waits for the first to commit, then finds it and changes
/// nothing (`firstTime` false). The member concerned is locked while her soft bounces are counted.
extension PostgresRelaisStore: InboundStore {
    /// The outcome already recorded for the message with `key`, if any.
    public func inboundOutcome(key: String) throws(StoreError) -> InboundOutcome? {
        try transaction("read a bounce record") { connection, logger in
            try await Self.column(
                String.self, of: connection.query(#"SELECT "outcome" FROM "inboundMail" WHERE "messageKey" = \#(key)"#, logger: logger)
            ).first.flatMap(InboundOutcome.init(rawValue:))
        }
    }

    /// What the intake learnt, newest first; at most `limit` records.
    public func inboundRecords(limit: Int) throws(StoreError) -> [InboundRecord] {
        try transaction("read the bounce records") { connection, logger in
            let rows = try await connection.query(
                """
                SELECT "inboundMail"."id", "inboundMail"."receivedAt", "inboundMail"."kind", "inboundMail"."outcome", "member"."email",
                  "inboundMail"."status", "inboundMail"."queueId"
                FROM "inboundMail" LEFT JOIN "member" ON "member"."id" = "inboundMail"."memberId"
                ORDER BY "inboundMail"."receivedAt" DESC, "inboundMail"."id" DESC LIMIT \(max(limit, 0))
                """, logger: logger)
            var records: [InboundRecord] = []
            for try await (id, receivedAt, kind, outcome, email, status, queueId)
                in rows.decode((Int64, Date, String, String, String?, String?, Int64?).self) {
                records.append(InboundRecord(
                    id: id, receivedAt: receivedAt, kind: InboundReport.Kind(rawValue: kind) ?? .human,
                    outcome: InboundOutcome(rawValue: outcome) ?? .human, email: email, status: status, queueId: queueId))
            }
            return records
        }
    }

    /// The mailbox positions (`<uidvalidity>:<uid>`) of messages recorded as left for people,
    /// which need not be read again.
    public func inboundPositionsLeftForPeople() throws(StoreError) -> Set<String> {
        try transaction("read the mail left for people") { connection, logger in
            Set(try await Self.column(
                String.self,
                of: connection.query(
                    """
                    SELECT "mailbox" FROM "inboundMail" WHERE "mailbox" IS NOT NULL AND "outcome" IN ('human', 'unmatched')
                    """, logger: logger)))
        }
    }

    /// Records `report` and applies what it means to its member, in one transaction; a report
    /// whose key is already recorded changes nothing and returns what it did the first time.
    /// A soft bounce marks the member bounced when she has `softLimit` within `softWindow`.
    /// Nothing becomes due, so no daemon is woken.
    public func recordInbound(
        _ report: InboundReport, softLimit: Int, softWindow: TimeInterval, now: Date
    ) throws(StoreError) -> (outcome: InboundOutcome, firstTime: Bool) {
        try transaction("record a bounce") { connection, logger in
            // The row first, as if for people: a concurrent record of the same key waits here.
            let inserted = try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    INSERT INTO "inboundMail" ("messageKey", "mailbox", "kind", "outcome", "status", "detail", "receivedAt")
                    VALUES (\(report.key), \(report.mailbox), \(report.kind.rawValue), 'human', \(report.status), \(report.detail), \(now))
                    ON CONFLICT ("messageKey") DO NOTHING RETURNING "id"
                    """, logger: logger))
            guard let rowId = inserted.first else {
                let done = try await Self.column(
                    String.self,
                    of: connection.query(#"SELECT "outcome" FROM "inboundMail" WHERE "messageKey" = \#(report.key)"#, logger: logger))
                guard let outcome = done.first.flatMap(InboundOutcome.init(rawValue:)) else {
                    throw StoreError(.database, "PostgreSQL: the bounce record \(report.key) has no known outcome")
                }
                return (outcome, false)
            }
            let (memberId, queueId) = try await Self.inboundMember(report, connection, logger: logger)
            let outcome: InboundOutcome
            switch (report.kind, memberId) {
            case (.human, _):
                outcome = .human
            case (_, nil):
                outcome = .unmatched
            case (.hard, let member?):
                try await Self.markBounced(memberId: member, report: report, now: now, connection, logger: logger)
                outcome = .bounced
            case (.soft, let member?):
                _ = try await Self.statusForUpdate(memberId: member, connection, logger: logger)
                let earlier = try await Self.column(
                    Int.self,
                    of: connection.query(
                        """
                        SELECT COUNT(*) FROM "inboundMail"
                        WHERE "memberId" = \(member) AND "kind" = 'soft' AND "receivedAt" >= \(now.addingTimeInterval(-softWindow))
                        """, logger: logger)
                ).first ?? 0
                if earlier + 1 >= softLimit {
                    try await Self.markBounced(memberId: member, report: report, now: now, connection, logger: logger)
                    outcome = .bounced
                } else {
                    outcome = .counted
                }
            case (.complaint, let member?):
                try await Self.leaveEverythingByComplaint(memberId: member, detail: report.status, now: now, connection, logger: logger)
                outcome = .unsubscribed
            case (.unsubscribe, let member?):
                // Through the same leaveList as the web endpoint; false when she is not on the list.
                var left = false
                if let listId = report.listId {
                    left = try await Self.leaveList(memberId: member, listId: listId, source: .mail, now: now, connection, logger: logger)
                }
                outcome = left ? .leftList : .unmatched
            }
            let matched = outcome != .unmatched && outcome != .human
            try await connection.query(
                """
                UPDATE "inboundMail" SET "outcome" = \(outcome.rawValue), "memberId" = \(matched ? memberId : nil), "queueId" = \(queueId)
                WHERE "id" = \(rowId)
                """, logger: logger)
            return (outcome, true)
        }
    }

    /// The member (and queue row) a report is about: by a VERP token (the queue row whose
    /// Message-ID starts with it, compared byte for byte as SQLite does), by the original's
    /// Message-ID, or by the reported address (case-insensitively).
    static func inboundMember(_ report: InboundReport, _ connection: PostgresConnection, logger: Logger) async throws -> (Int64?, Int64?) {
        for token in report.tokens where !token.isEmpty && token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            let rows = try await connection.query(
                """
                SELECT "id", "memberId", "messageId" FROM "queue"
                WHERE "messageId" COLLATE "C" >= \("<" + token) AND "messageId" COLLATE "C" < \("<" + token + "~")
                ORDER BY "messageId" COLLATE "C"
                """, logger: logger)
            var candidates: [(id: Int64, memberId: Int64?, messageId: String)] = []
            for try await row in rows.decode((Int64, Int64?, String).self) { candidates.append(row) }
            for row in candidates {
                let next = row.messageId.dropFirst(token.count + 1).first
                if next == "." || next == "@", let member = row.memberId { return (member, row.id) }
            }
        }
        if let original = report.originalMessageId {
            let rows = try await connection.query(
                #"SELECT "id", "memberId" FROM "queue" WHERE "messageId" = \#(original)"#, logger: logger)
            var found: (id: Int64, memberId: Int64?)?
            for try await row in rows.decode((Int64, Int64?).self) { found = row }
            if let found, let member = found.memberId { return (member, found.id) }
        }
        if let address = report.recipient {
            let member = try await column(
                Int64.self, of: connection.query(#"SELECT "id" FROM "member" WHERE lower("email") = lower(\#(address))"#, logger: logger)
            ).first
            if let member { return (member, nil) }
        }
        return (nil, nil)
    }

    /// Marks member `memberId` bounced (once), cancels what still waits to go to her, and tells her history.
    static func markBounced(
        memberId: Int64, report: InboundReport, now: Date, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        guard try await statusForUpdate(memberId: memberId, connection, logger: logger) != "bounced" else { return }
        let reply = [report.status, report.detail].compactMap { $0 }.joined(separator: " ")
        let stored = reply.isEmpty ? "bounced (DSN)" : String(reply.prefix(300))
        try await connection.query(
            #"UPDATE "member" SET "status" = 'bounced', "bounceReply" = \#(stored), "updatedAt" = \#(now) WHERE "id" = \#(memberId)"#,
            logger: logger)
        try await cancelUnsent(memberId: memberId, reason: "not sent: the address bounced", now: now, connection, logger: logger)
        let detail = report.kind == .hard ? report.status : "soft bounces: \(report.status ?? "4.x.x")"
        try await recordMemberChange(
            memberId: memberId, MemberChange(at: now, source: .bounce, change: .bounced, detail: detail), connection, logger: logger)
    }

    /// A complaint: she leaves everything (an active member becomes unsubscribed; a bounced one
    /// stays bounced), every unsent row of hers is cancelled, and her history says so.
    static func leaveEverythingByComplaint(
        memberId: Int64, detail: String?, now: Date, _ connection: PostgresConnection, logger: Logger
    ) async throws {
        if try await statusForUpdate(memberId: memberId, connection, logger: logger) == "active" {
            try await connection.query(
                #"UPDATE "member" SET "status" = 'unsubscribed', "updatedAt" = \#(now) WHERE "id" = \#(memberId)"#, logger: logger)
        }
        try await leaveEveryList(memberId: memberId, now: now, connection, logger: logger)
        try await cancelUnsent(memberId: memberId, reason: "not sent: the member complained", now: now, connection, logger: logger)
        try await recordMemberChange(
            memberId: memberId, MemberChange(at: now, source: .complaint, change: .leftEverything, detail: detail), connection, logger: logger)
    }
}

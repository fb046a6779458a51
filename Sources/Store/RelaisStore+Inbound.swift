import Foundation
import GRDB
import StoreModel

/// The bounce mailbox's reports: each recorded once, with the member change it causes, in one
/// transaction (so a crash loses no classification and applies none twice).
extension RelaisStore {
    /// The outcome already recorded for the message with `key`, if any.
    public func inboundOutcome(key: String) throws(StoreError) -> InboundOutcome? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT outcome FROM inboundMail WHERE messageKey = ?", arguments: [key])
                .flatMap(InboundOutcome.init(rawValue:))
        }
    }

    /// What the intake learnt, newest first; at most `limit` records.
    public func inboundRecords(limit: Int) throws(StoreError) -> [InboundRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT inboundMail.id, receivedAt, kind, outcome, member.email, inboundMail.status, queueId
                    FROM inboundMail LEFT JOIN member ON member.id = inboundMail.memberId
                    ORDER BY receivedAt DESC, inboundMail.id DESC LIMIT ?
                    """,
                arguments: [max(limit, 0)]
            ).map { row in
                InboundRecord(
                    id: row["id"], receivedAt: row["receivedAt"],
                    kind: InboundReport.Kind(rawValue: row["kind"]) ?? .human,
                    outcome: InboundOutcome(rawValue: row["outcome"]) ?? .human,
                    email: row["email"], status: row["status"], queueId: row["queueId"])
            }
        }
    }

    /// The mailbox positions (`<uidvalidity>:<uid>`) of messages recorded as left for people,
    /// which need not be read again.
    public func inboundPositionsLeftForPeople() throws(StoreError) -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT mailbox FROM inboundMail WHERE mailbox IS NOT NULL AND outcome IN ('human', 'unmatched')"))
        }
    }

    /// Records `report` and applies what it means to its member, in one transaction; a report
    /// whose key is already recorded changes nothing and returns what it did the first time.
    /// A soft bounce marks the member bounced when she has `softLimit` within `softWindow`.
    public func recordInbound(
        _ report: InboundReport, softLimit: Int, softWindow: TimeInterval, now: Date = Date()
    ) throws(StoreError) -> (outcome: InboundOutcome, firstTime: Bool) {
        try write { db in
            if let done = try String.fetchOne(db, sql: "SELECT outcome FROM inboundMail WHERE messageKey = ?", arguments: [report.key])
                .flatMap(InboundOutcome.init(rawValue:)) {
                return (done, false)
            }
            let (memberId, queueId) = try Self.inboundMember(report, db: db)
            let outcome: InboundOutcome
            switch (report.kind, memberId) {
            case (.human, _):
                outcome = .human
            case (_, nil):
                outcome = .unmatched
            case (.hard, let member?):
                try Self.markBounced(memberId: member, report: report, db: db, now: now)
                outcome = .bounced
            case (.soft, let member?):
                let since = now.addingTimeInterval(-softWindow)
                let earlier = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM inboundMail WHERE memberId = ? AND kind = 'soft' AND receivedAt >= ?",
                    arguments: [member, since]) ?? 0
                if earlier + 1 >= softLimit {
                    try Self.markBounced(memberId: member, report: report, db: db, now: now)
                    outcome = .bounced
                } else {
                    outcome = .counted
                }
            case (.complaint, let member?):
                try Self.leaveEverything(memberId: member, source: .complaint, detail: report.status, db: db, now: now)
                outcome = .unsubscribed
            case (.unsubscribe, let member?):
                outcome = try Self.leaveListByMail(memberId: member, listId: report.listId, db: db, now: now) ? .leftList : .unmatched
            }
            try db.execute(
                sql: """
                    INSERT INTO inboundMail (messageKey, mailbox, kind, outcome, memberId, queueId, status, detail, receivedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [report.key, report.mailbox, report.kind.rawValue, outcome.rawValue,
                            outcome == .unmatched || outcome == .human ? nil : memberId, queueId, report.status, report.detail, now])
            return (outcome, true)
        }
    }

    /// The member (and queue row) a report is about: by a VERP token (the queue row whose
    /// Message-ID starts with it), by the original's Message-ID, or by the reported address.
    static func inboundMember(_ report: InboundReport, db: Database) throws -> (Int64?, Int64?) {
        for token in report.tokens where !token.isEmpty && token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, memberId, messageId FROM queue WHERE messageId >= ? AND messageId < ?",
                arguments: ["<" + token, "<" + token + "~"])
            for row in rows {
                let messageId: String = row["messageId"]
                let next = messageId.dropFirst(token.count + 1).first
                if next == "." || next == "@", let member: Int64 = row["memberId"] { return (member, row["id"]) }
            }
        }
        if let original = report.originalMessageId,
           let row = try Row.fetchOne(db, sql: "SELECT id, memberId FROM queue WHERE messageId = ?", arguments: [original]),
           let member: Int64 = row["memberId"] {
            return (member, row["id"])
        }
        if let address = report.recipient,
           let member = try Int64.fetchOne(db, sql: "SELECT id FROM member WHERE email = ?", arguments: [address]) {
            return (member, nil)
        }
        return (nil, nil)
    }

    static func markBounced(memberId: Int64, report: InboundReport, db: Database, now: Date) throws {
        let status = try String.fetchOne(db, sql: "SELECT status FROM member WHERE id = ?", arguments: [memberId])
        guard status != "bounced" else { return }
        let reply = [report.status, report.detail].compactMap { $0 }.joined(separator: " ")
        try db.execute(
            sql: "UPDATE member SET status = 'bounced', bounceReply = ?, updatedAt = ? WHERE id = ?",
            arguments: [reply.isEmpty ? "bounced (DSN)" : String(reply.prefix(300)), now, memberId])
        try cancelPending(memberId: memberId, reason: "not sent: the address bounced", db: db, now: now)
        try recordChange(
            memberId: memberId,
            MemberChange(at: now, source: .bounce, change: .bounced, detail: report.kind == .hard ? report.status : "soft bounces: \(report.status ?? "4.x.x")"),
            db: db)
    }

    static func leaveEverything(memberId: Int64, source: MemberChange.Source, detail: String?, db: Database, now: Date) throws {
        let status = try String.fetchOne(db, sql: "SELECT status FROM member WHERE id = ?", arguments: [memberId])
        if status == "active" {
            try db.execute(sql: "UPDATE member SET status = 'unsubscribed', updatedAt = ? WHERE id = ?", arguments: [now, memberId])
        }
        try leaveEveryList(memberId: memberId, db: db, now: now)
        try cancelPending(memberId: memberId, reason: "not sent: the member complained", db: db, now: now)
        try recordChange(memberId: memberId, MemberChange(at: now, source: source, change: .leftEverything, detail: detail), db: db)
    }

    /// Takes her off list `listId` (source `mail`) through the same `leaveList` as the web endpoint; false
    /// when she is not on it.
    static func leaveListByMail(memberId: Int64, listId: Int64?, db: Database, now: Date) throws -> Bool {
        guard let listId else { return false }
        return try leaveList(memberId: memberId, listId: listId, source: .mail, db: db, now: now)
    }
}

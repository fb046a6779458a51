import Foundation
import GRDB
import StoreModel

/// Members' answers to "will you come?", per event occurrence.
extension RelaisStore {
    /// Records (or changes) member `memberId`'s answer for occurrence `occurrence` (its original
    /// local start) of event `eventId`; false when the event does not exist.
    ///
    /// A "no" skips, in the same transaction, her reminders of that occurrence that are queued
    /// but not sent (a row the daemon has claimed is dropped before it starts; one already on
    /// the wire is recorded as sent). A later "yes" brings none of them back: a skipped reminder
    /// was due already, and the ones still to come are planned for her again.
    @discardableResult
    public func recordRSVP(
        memberId: Int64, eventId: Int64, occurrence: String, answer: RSVPAnswer.Answer, now: Date = Date()
    ) throws(StoreError) -> Bool {
        try write { db in
            guard try Int64.fetchOne(db, sql: "SELECT id FROM event WHERE id = ?", arguments: [eventId]) != nil else { return false }
            try db.execute(
                sql: """
                    INSERT INTO rsvp (memberId, eventId, occurrence, answer, answeredAt) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (eventId, occurrence, memberId) DO UPDATE SET answer = excluded.answer, answeredAt = excluded.answeredAt
                    """,
                arguments: [memberId, eventId, occurrence, answer.rawValue, now])
            if answer == .no {
                try db.execute(
                    sql: """
                        UPDATE queue SET state = 'skipped', reason = :reason, leaseOwner = NULL, leaseExpiresAt = NULL, updatedAt = :now
                        WHERE kind = 'reminder' AND source = :source AND memberId = :member
                          AND state IN ('scheduled', 'queued', 'deferred', 'sending', 'held', 'unknown')
                        """,
                    arguments: [
                        "reason": RSVPAnswer.declinedReminderReason, "now": now,
                        "source": RSVPAnswer.reminderSource(eventId: eventId, occurrence: occurrence), "member": memberId,
                    ])
            }
            return true
        }
    }

    /// Of the reminder rows `ids`, those whose member answered no for their occurrence (the
    /// claim's re-check: an answer may come between queueing and sending).
    static func declinedReminders(ids: [Int64], db: Database) throws -> [Int64] {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM rsvp WHERE answer = 'no')") == true else { return [] }
        let rows = try Row.fetchAll(
            db, SQLRequest(literal: "SELECT id, memberId, source FROM queue WHERE id IN \(ids) AND kind = 'reminder' AND memberId IS NOT NULL"))
        let answer = try db.cachedStatement(sql: "SELECT answer FROM rsvp WHERE eventId = ? AND occurrence = ? AND memberId = ?")
        return try rows.compactMap { row -> Int64? in
            guard let (eventId, occurrence) = RSVPAnswer.occurrence(ofReminderSource: row["source"]) else { return nil }
            let given = try String.fetchOne(answer, arguments: [eventId, occurrence, row["memberId"] as Int64])
            return given == RSVPAnswer.Answer.no.rawValue ? row["id"] : nil
        }
    }

    /// The answers for event `eventId` (one occurrence, or all), by occurrence then address.
    public func rsvpAnswers(eventId: Int64, occurrence: String? = nil) throws(StoreError) -> [RSVPAnswer] {
        try read { db in
            var sql = """
                SELECT rsvp.*, member.email, member.name, member.locale FROM rsvp JOIN member ON member.id = rsvp.memberId
                WHERE rsvp.eventId = ?
                """
            var arguments: StatementArguments = [eventId]
            if let occurrence {
                sql += " AND rsvp.occurrence = ?"
                arguments += [occurrence]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY rsvp.occurrence, member.email", arguments: arguments).compactMap { row in
                guard let answer = RSVPAnswer.Answer(rawValue: row["answer"]) else { return nil }
                return RSVPAnswer(
                    memberId: row["memberId"], email: row["email"], name: row["name"], locale: row["locale"],
                    occurrence: row["occurrence"], answer: answer, answeredAt: row["answeredAt"])
            }
        }
    }

    /// The members who answered no for occurrence `occurrence` of event `eventId`.
    public func declinedMembers(eventId: Int64, occurrence: String) throws(StoreError) -> Set<Int64> {
        try read { db in
            Set(try Int64.fetchAll(
                db, sql: "SELECT memberId FROM rsvp WHERE eventId = ? AND occurrence = ? AND answer = 'no'",
                arguments: [eventId, occurrence]))
        }
    }
}

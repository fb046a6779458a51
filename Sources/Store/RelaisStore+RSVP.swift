import Foundation
import GRDB

/// Members' answers to "will you come?", per event occurrence.
extension RelaisStore {
    /// Records (or changes) member `memberId`'s answer for occurrence `occurrence` (its original
    /// local start) of event `eventId`; false when the event does not exist.
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
            return true
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

import Foundation
import Logging
import PostgresNIO
import StoreModel

/// What `relaisctl status` reads besides the daemons' store (``StatusStore``).
extension PostgresRelaisStore {
    /// The answers for event `eventId` (one occurrence, or all), by occurrence then address.
    public func rsvpAnswers(eventId: Int64, occurrence: String?) throws(StoreError) -> [RSVPAnswer] {
        try transaction("read the answers for event \(eventId)") { connection, logger in
            let rows = try await connection.query(
                """
                SELECT "rsvp"."memberId", "member"."email", "member"."name", "member"."locale", "rsvp"."occurrence", "rsvp"."answer",
                  "rsvp"."answeredAt"
                FROM "rsvp" JOIN "member" ON "member"."id" = "rsvp"."memberId"
                WHERE "rsvp"."eventId" = \(eventId) AND (\(occurrence == nil) OR "rsvp"."occurrence" = \(occurrence))
                ORDER BY "rsvp"."occurrence", lower("member"."email"), "member"."email"
                """, logger: logger)
            var answers: [RSVPAnswer] = []
            for try await (memberId, email, name, locale, occurrence, answer, answeredAt)
                in rows.decode((Int64, String, String, String, String, String, Date).self) {
                guard let answer = RSVPAnswer.Answer(rawValue: answer) else { continue }
                answers.append(RSVPAnswer(
                    memberId: memberId, email: email, name: name, locale: locale, occurrence: occurrence, answer: answer,
                    answeredAt: answeredAt))
            }
            return answers
        }
    }

    /// The later of the last delivery attempt and the reminder planning mark, if either exists.
    public func lastDaemonActivity() throws(StoreError) -> Date? {
        try transaction("read the daemons' last activity") { connection, logger in
            try await Self.column(
                Date?.self,
                of: connection.query(
                    """
                    SELECT GREATEST((SELECT MAX("finishedAt") FROM "attempt"),
                                    (SELECT "remindersPlannedUntil" FROM "plannerState" WHERE "id" = 1))
                    """, logger: logger)
            ).first ?? nil
        }
    }
}

/// The PostgreSQL store keeps what relaisctl's everyday commands need, as the SQLite store does.
extension PostgresRelaisStore: OperatorStore {}

import Foundation
import PostgresNIO
import StoreModel

/// Members' answers to "will you come?", per event occurrence (``WebAnswerStore``), as SQLite
/// records them.
extension PostgresRelaisStore {
    /// Records (or changes) member `memberId`'s answer for occurrence `occurrence` (its original
    /// local start) of event `eventId`; false when the event does not exist.
    ///
    /// A "no" skips, in the same transaction, her reminders of that occurrence that are queued
    /// but not sent (a row a daemon has claimed is dropped before it starts; one already on the
    /// wire is recorded as sent). A later "yes" brings none of them back. Nothing becomes due,
    /// so no daemon is woken.
    @discardableResult
    public func recordRSVP(
        memberId: Int64, eventId: Int64, occurrence: String, answer: RSVPAnswer.Answer, now: Date
    ) throws(StoreError) -> Bool {
        try transaction("record an answer for event \(eventId)") { connection, logger in
            let event = try await Self.column(
                Int64.self, of: connection.query(#"SELECT "id" FROM "event" WHERE "id" = \#(eventId) FOR SHARE"#, logger: logger))
            guard !event.isEmpty else { return false }
            try await connection.query(
                """
                INSERT INTO "rsvp" ("memberId", "eventId", "occurrence", "answer", "answeredAt")
                VALUES (\(memberId), \(eventId), \(occurrence), \(answer.rawValue), \(now))
                ON CONFLICT ("eventId", "occurrence", "memberId")
                DO UPDATE SET "answer" = EXCLUDED."answer", "answeredAt" = EXCLUDED."answeredAt"
                """, logger: logger)
            if answer == .no {
                try await connection.query(
                    """
                    UPDATE "queue" SET "state" = 'skipped', "reason" = \(RSVPAnswer.declinedReminderReason), "leaseOwner" = NULL,
                      "leaseExpiresAt" = NULL, "updatedAt" = \(now)
                    WHERE "kind" = 'reminder' AND "source" = \(RSVPAnswer.reminderSource(eventId: eventId, occurrence: occurrence))
                      AND "memberId" = \(memberId) AND "state" IN ('scheduled', 'queued', 'deferred', 'sending', 'held', 'unknown')
                    """, logger: logger)
            }
            return true
        }
    }
}

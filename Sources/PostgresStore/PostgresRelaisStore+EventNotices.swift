import Foundation
import PostgresNIO
import StoreModel

/// What telling members about an event change reads and withdraws (``EventStore``), as SQLite's
/// store does it.
extension PostgresRelaisStore {
    /// The occurrences of event `eventId` that members were sent a message about (a reminder or
    /// an announcement, sent or possibly sent), as original local starts `YYYY-MM-DDTHH:MM:SS`.
    public func notifiedOccurrences(eventId: Int64) throws(StoreError) -> Set<String> {
        try transaction("read what members were told about event \(eventId)") { connection, logger in
            var found = Set<String>()
            let reminders = try await Self.column(
                String.self,
                of: connection.query(
                    """
                    SELECT DISTINCT "source" FROM "queue"
                    WHERE "kind" = 'reminder' AND "source" LIKE \("event:\(eventId):%") AND "state" IN ('sent', 'sending', 'unknown')
                    """, logger: logger))
            for source in reminders {
                if let compact = source.split(separator: ":").last, let local = Self.extendedLocal(String(compact)) { found.insert(local) }
            }
            let announced = try await Self.column(
                String.self,
                of: connection.query(
                    """
                    SELECT DISTINCT "announcement"."occurrence" FROM "announcement"
                    WHERE "announcement"."eventId" = \(eventId) AND "announcement"."occurrence" IS NOT NULL AND EXISTS (
                      SELECT 1 FROM "queue" WHERE "queue"."source" = 'announcement:' || "announcement"."id"
                      AND "queue"."state" IN ('sent', 'sending', 'unknown'))
                    """, logger: logger))
            found.formUnion(announced)
            return found
        }
    }

    /// Withdraws what was announced about one occurrence (or any) of event `eventId` and not sent
    /// yet, except the `keeping` templates' announcements: pending ones become `cancelled`, their
    /// unsent rows `cancelled` with `reason`. Returns how many queue rows were cancelled.
    @discardableResult
    public func withdrawAnnouncements(
        eventId: Int64, occurrence: String?, keeping: [String], reason: String, now: Date
    ) throws(StoreError) -> Int {
        try transaction("withdraw the announcements of event \(eventId)") { connection, logger in
            let ids = try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    SELECT "id" FROM "announcement"
                    WHERE "eventId" = \(eventId) AND (\(occurrence)::text IS NULL OR "occurrence" = \(occurrence))
                      AND NOT ("template" = ANY(\(keeping)::text[]))
                    ORDER BY "id" FOR UPDATE
                    """, logger: logger))
            guard !ids.isEmpty else { return 0 }
            try await connection.query(
                #"UPDATE "announcement" SET "state" = 'cancelled' WHERE "id" = ANY(\#(ids)) AND "state" = 'pending'"#, logger: logger)
            return try await Self.column(
                Int64.self,
                of: connection.query(
                    """
                    UPDATE "queue" SET "state" = 'cancelled', "reason" = \(reason), "updatedAt" = \(now)
                    WHERE "source" = ANY(\(ids.map { "announcement:\($0)" })) AND "state" IN ('scheduled', 'queued', 'deferred', 'held')
                    RETURNING "id"
                    """, logger: logger)
            ).count
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS` from iCalendar's `YYYYMMDDTHHMMSS`; nil for anything else.
    static func extendedLocal(_ compact: String) -> String? {
        let characters = Array(compact)
        guard characters.count == 15, characters[8] == "T" else { return nil }
        let digits = characters.enumerated().filter { $0.offset != 8 }.map(\.element)
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        func part(_ from: Int, _ length: Int) -> String { String(characters[from..<(from + length)]) }
        return "\(part(0, 4))-\(part(4, 2))-\(part(6, 2))T\(part(9, 2)):\(part(11, 2)):\(part(13, 2))"
    }
}

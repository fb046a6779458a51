import Foundation
import GRDB
import StoreModel

extension RelaisStore {
    /// The occurrences of event `eventId` that members were sent a message about (a reminder or
    /// an announcement, sent or possibly sent), as original local starts `YYYY-MM-DDTHH:MM:SS`:
    /// the calendar entries they may hold, which a cancellation must withdraw.
    public func notifiedOccurrences(eventId: Int64) throws(StoreError) -> Set<String> {
        try read { db in
            var found = Set<String>()
            let reminders = try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT source FROM queue
                    WHERE kind = 'reminder' AND source LIKE ? AND state IN ('sent', 'sending', 'unknown')
                    """,
                arguments: ["event:\(eventId):%"])
            for source in reminders {
                if let compact = source.split(separator: ":").last, let local = Self.extendedLocal(String(compact)) { found.insert(local) }
            }
            let announced = try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT announcement.occurrence FROM announcement
                    WHERE announcement.eventId = ? AND announcement.occurrence IS NOT NULL AND EXISTS (
                      SELECT 1 FROM queue WHERE queue.source = 'announcement:' || announcement.id
                      AND queue.state IN ('sent', 'sending', 'unknown'))
                    """,
                arguments: [eventId])
            found.formUnion(announced)
            return found
        }
    }

    /// Withdraws what was announced about an occurrence (or, with `occurrence` nil, about any
    /// occurrence of the event) and not sent yet, except messages of the `keeping` templates:
    /// pending announcements become `cancelled`, their unsent queue rows `cancelled` with `reason`.
    /// Returns how many queue rows were cancelled.
    @discardableResult
    public func withdrawAnnouncements(
        eventId: Int64, occurrence: String?, keeping: [String], reason: String, now: Date
    ) throws(StoreError) -> Int {
        try write { db in
            var filter = AnnouncementRow.filter(AnnouncementRow.Columns.eventId == eventId)
            if let occurrence { filter = filter.filter(Column("occurrence") == occurrence) }
            if !keeping.isEmpty { filter = filter.filter(!keeping.contains(Column("template"))) }
            var cancelled = 0
            for var announcement in try filter.fetchAll(db).map(\.stored) {
                let id = announcement.id
                if announcement.state == .pending {
                    announcement.state = .cancelled
                    try AnnouncementRow(announcement).update(db)
                }
                try db.execute(
                    sql: """
                        UPDATE queue SET state = 'cancelled', reason = ?, updatedAt = ?
                        WHERE source = ? AND state IN ('scheduled', 'queued', 'deferred', 'held')
                        """,
                    arguments: [reason, now, "announcement:\(id)"])
                cancelled += db.changesCount
            }
            return cancelled
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS` from iCalendar's `YYYYMMDDTHHMMSS`; nil for anything else.
    static func extendedLocal(_ compact: String) -> String? {
        let characters = Array(compact)
        guard characters.count == 15, characters[8] == "T" else { return nil }
        let digits = characters.enumerated().filter { $0.offset != 8 }.map(\.element)
        guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let text = String(characters)
        func part(_ from: Int, _ length: Int) -> Substring {
            let start = text.index(text.startIndex, offsetBy: from)
            return text[start..<text.index(start, offsetBy: length)]
        }
        return "\(part(0, 4))-\(part(4, 2))-\(part(6, 2))T\(part(9, 2)):\(part(11, 2)):\(part(13, 2))"
    }
}

extension RelaisStore {
    /// Queues reminder rows decided outside the planner (already due when their event was added
    /// or changed) without moving its watermark; the shared idempotency keys keep the planner
    /// from queueing them again. Returns how many rows were new.
    public func enqueueLateReminders(_ rows: [QueueMessage]) throws(StoreError) -> Int {
        try write { db in try Self.enqueue(rows, db: db) }
    }
}

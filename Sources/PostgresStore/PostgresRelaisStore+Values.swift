import Foundation
import PostgresNIO
import StoreModel

/// How members, events, exceptions and announcements are read from their rows: the select
/// lists and the decoders, shared by the planner's and the composer's reads.
///
/// The `jsonb` columns (an event's titles, descriptions, lists and reminders; an announcement's
/// lists) are selected as text and decoded with `JSONDecoder`, into the same values SQLite's JSON
/// text gives; `bytea` columns are the bytes SQLite keeps as blobs.
extension PostgresRelaisStore {
    /// The columns of `member` a ``Member`` is read from.
    static let memberColumns = [
        "id", "email", "name", "locale", "status", "unsubscribeToken", "bounceReply", "createdAt", "updatedAt",
    ].map { "\"member\".\"\($0)\"" }.joined(separator: ", ")

    /// The columns of `event` an ``Event`` is read from, its `jsonb` ones as text.
    static let eventColumns = [
        "id", "uid", "titles::text", "descriptions::text", "startLocal", "timeZone", "rule", "durationSeconds", "lists::text",
        "reminders::text", "template", "location", "url", "sequence", "cancelled", "createdAt", "updatedAt",
    ].map(quotedColumn).joined(separator: ", ")

    /// The columns of `announcement` an ``Announcement`` is read from, its lists as text.
    static let announcementColumns = [
        "id", "template", "lists::text", "data", "dueAt", "state", "queuedCount", "createdAt", "eventId", "occurrence", "previous",
    ].map(quotedColumn).joined(separator: ", ")

    /// `"name"`, or `"name"::text AS "name"` for `name::text`.
    private static func quotedColumn(_ column: String) -> String {
        guard column.hasSuffix("::text") else { return "\"\(column)\"" }
        let name = column.dropLast(6)
        return "\"\(name)\"::text AS \"\(name)\""
    }

    /// The values of ``memberColumns``, in order, as postgres-nio decodes them.
    typealias MemberColumns = (Int64, String, String, String, String, String, String?, Date, Date)

    /// A member from the values of ``memberColumns``.
    static func member(_ columns: MemberColumns) throws -> Stored<Member> {
        let (id, email, name, locale, statusName, token, bounceReply, createdAt, updatedAt) = columns
        guard let status = Member.Status(rawValue: statusName) else {
            throw StoreError(.database, "PostgreSQL: member with an unknown status \(statusName)")
        }
        return Stored(
            id: id,
            Member(
                email: email, name: name, locale: locale, status: status, unsubscribeToken: token, bounceReply: bounceReply,
                createdAt: createdAt, updatedAt: updatedAt))
    }

    /// The members `rows` holds (``memberColumns``), decoded by position, which costs less than
    /// by name when an announcement reads 100,000 of them.
    static func members(_ rows: PostgresRowSequence) async throws -> [Stored<Member>] {
        var members: [Stored<Member>] = []
        for try await columns in rows.decode(MemberColumns.self) { members.append(try member(columns)) }
        return members
    }

    /// One event row (``eventColumns``), without its exceptions.
    static func event(_ row: PostgresRandomAccessRow) throws -> Stored<Event> {
        var event = Event(
            uid: try row["uid"].decode(String.self), titles: try json(row, "titles"), descriptions: try json(row, "descriptions"),
            startLocal: try row["startLocal"].decode(String.self), timeZone: try row["timeZone"].decode(String.self),
            rule: try row["rule"].decode(String?.self), durationSeconds: try row["durationSeconds"].decode(Int.self),
            lists: try json(row, "lists"), reminders: try json(row, "reminders"), template: try row["template"].decode(String.self),
            location: try row["location"].decode(String?.self), url: try row["url"].decode(String?.self),
            now: try row["createdAt"].decode(Date.self))
        event.sequence = try row["sequence"].decode(Int.self)
        event.cancelled = try row["cancelled"].decode(Bool.self)
        event.updatedAt = try row["updatedAt"].decode(Date.self)
        return Stored(id: try row["id"].decode(Int64.self), event)
    }

    /// The exceptions `rows` holds (`eventId`, `occurrence`, `movedTo`, `createdAt`).
    static func exceptions(_ rows: PostgresRowSequence) async throws -> [EventException] {
        var exceptions: [EventException] = []
        for try await (eventId, occurrence, movedTo, createdAt) in rows.decode((Int64, String, String?, Date).self) {
            exceptions.append(EventException(eventId: eventId, occurrence: occurrence, movedTo: movedTo, now: createdAt))
        }
        return exceptions
    }

    /// The select list of ``exceptions(_:)``, in order.
    static let exceptionColumns = #""eventId", "occurrence", "movedTo", "createdAt""#

    /// One announcement row (``announcementColumns``).
    static func announcement(_ row: PostgresRandomAccessRow) throws -> Stored<Announcement> {
        let stateName = try row["state"].decode(String.self)
        guard let state = Announcement.State(rawValue: stateName) else {
            throw StoreError(.database, "PostgreSQL: announcement in an unknown state \(stateName)")
        }
        var announcement = Announcement(
            template: try row["template"].decode(String.self), lists: try json(row, "lists"), data: try row["data"].decode(Data?.self),
            dueAt: try row["dueAt"].decode(Date.self), now: try row["createdAt"].decode(Date.self),
            eventId: try row["eventId"].decode(Int64?.self), occurrence: try row["occurrence"].decode(String?.self),
            previous: try row["previous"].decode(Data?.self))
        announcement.state = state
        announcement.queuedCount = try row["queuedCount"].decode(Int.self)
        return Stored(id: try row["id"].decode(Int64.self), announcement)
    }

    /// The announcements `rows` holds (``announcementColumns``).
    static func announcements(_ rows: PostgresRowSequence) async throws -> [Stored<Announcement>] {
        var announcements: [Stored<Announcement>] = []
        for try await row in rows { announcements.append(try announcement(row.makeRandomAccess())) }
        return announcements
    }

    /// The `jsonb` column `name` (selected as text) decoded as `Value`.
    private static func json<Value: Decodable>(_ row: PostgresRandomAccessRow, _ name: String) throws -> Value {
        let text = try row[name].decode(String.self)
        do {
            return try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        } catch {
            throw StoreError(.database, "PostgreSQL: column \(name) does not hold the JSON expected (\(Value.self))")
        }
    }
}

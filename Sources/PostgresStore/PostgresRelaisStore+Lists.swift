import Foundation
import Logging
import PostgresNIO
import StoreModel

/// Mailing lists (``ListStore``): names unique case-insensitively (the `lower("name")` index),
/// sorted as SQLite sorts them, with the events and pending announcements that name them.
extension PostgresRelaisStore {
    /// A list's columns and counts as a ``ListSummary`` reads them: its subscriptions, and the
    /// events and pending announcements whose `lists` name it (case-insensitively).
    static let listSummarySelect = """
        SELECT "list"."id", "list"."name", "list"."createdAt",
          (SELECT COUNT(*) FROM "membership" WHERE "listId" = "list"."id" AND "subscribed") AS "subscribed",
          (SELECT COUNT(*) FROM "membership" WHERE "listId" = "list"."id" AND NOT "subscribed") AS "left",
          ARRAY(SELECT "event"."id" FROM "event"
                WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text("event"."lists") AS "named"
                              WHERE lower("named") = lower("list"."name"))
                ORDER BY "event"."id") AS "events",
          ARRAY(SELECT "announcement"."id" FROM "announcement"
                WHERE "announcement"."state" = 'pending'
                  AND EXISTS (SELECT 1 FROM jsonb_array_elements_text("announcement"."lists") AS "named"
                              WHERE lower("named") = lower("list"."name"))
                ORDER BY "announcement"."id") AS "announcements"
        FROM "list"
        """

    /// The lists `rows` holds, read from ``listSummarySelect``.
    static func listSummaries(_ rows: PostgresRowSequence) async throws -> [ListSummary] {
        var lists: [ListSummary] = []
        for try await (id, name, createdAt, subscribed, left, events, announcements)
            in rows.decode((Int64, String, Date, Int, Int, [Int64], [Int64]).self) {
            lists.append(ListSummary(
                id: id, name: name, subscribed: subscribed, unsubscribed: left, createdAt: createdAt, events: events,
                pendingAnnouncements: announcements))
        }
        return lists
    }

    /// Every list with its member counts, by name.
    public func lists() throws(StoreError) -> [ListSummary] {
        try transaction("read the lists") { connection, logger in
            try await Self.listSummaries(connection.query(
                #"\#(unescaped: Self.listSummarySelect) ORDER BY lower("list"."name"), "list"."name""#, logger: logger))
        }
    }

    /// One list, or nil when there is none of that name (names are case-insensitive).
    public func list(named name: String) throws(StoreError) -> ListSummary? {
        try transaction("read list \(name)") { connection, logger in
            try await Self.listSummaries(connection.query(
                #"\#(unescaped: Self.listSummarySelect) WHERE lower("list"."name") = lower(\#(name))"#, logger: logger)).first
        }
    }

    /// The names of all lists, sorted case-insensitively.
    public func listNames() throws(StoreError) -> [String] {
        try transaction("read the list names") { connection, logger in
            try await Self.column(String.self, of: connection.query(#"SELECT "name" FROM "list" ORDER BY lower("name"), "name""#, logger: logger))
        }
    }

    /// Creates a list; a conflict when one of that name exists.
    @discardableResult
    public func addList(named name: String, now: Date) throws(StoreError) -> ListSummary {
        try transaction("add list \(name)") { connection, logger in
            if try await Self.existingListID(named: name, connection, logger: logger) != nil {
                throw StoreError(.conflict, "a list named \"\(name)\" already exists")
            }
            let id = try await Self.insertList(named: name, now: now, connection, logger: logger)
            let added = try await Self.listSummaries(connection.query(
                #"\#(unescaped: Self.listSummarySelect) WHERE "list"."id" = \#(id)"#, logger: logger)).first
            guard let added else { throw StoreError(.database, "PostgreSQL: list \"\(name)\" vanished after it was added") }
            return added
        }
    }
}

import Foundation
import Logging
import PostgresNIO
import StoreModel

/// Renaming and removing lists (``ListStore``), as SQLite's store does: a renamed list's events
/// and pending announcements follow it; a list still named by one of them is not removed.
extension PostgresRelaisStore {
    /// Renames list `name` to `newName`, and the events and pending announcements that name it
    /// (case-insensitively), in one transaction.
    public func renameList(_ name: String, to newName: String) throws(StoreError) {
        try transaction("rename list \(name)") { connection, logger in
            var found: (id: Int64, name: String)?
            let rows = try await connection.query(
                #"SELECT "id", "name" FROM "list" WHERE lower("name") = lower(\#(name)) FOR UPDATE"#, logger: logger)
            for try await (id, stored) in rows.decode((Int64, String).self) { found = (id, stored) }
            guard let found else { throw StoreError(.notFound, "no list named \"\(name)\"") }
            let (id, old) = found
            if name.lowercased() != newName.lowercased(), try await Self.existingListID(named: newName, connection, logger: logger) != nil {
                throw StoreError(.conflict, "a list named \"\(newName)\" already exists")
            }
            try await connection.query(#"UPDATE "list" SET "name" = \#(newName) WHERE "id" = \#(id)"#, logger: logger)
            for table in ["event", "announcement"] {
                let pending = table == "announcement" ? #" AND "state" = 'pending'"# : ""
                let rows = try await connection.query(
                    """
                    SELECT "id", "lists"::text FROM \(unescaped: "\"\(table)\"")
                    WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text("lists") AS "named" WHERE lower("named") = lower(\(old)))
                      \(unescaped: pending)
                    ORDER BY "id" FOR UPDATE
                    """, logger: logger)
                var renamed: [(Int64, String)] = []
                for try await (rowId, text) in rows.decode((Int64, String).self) {
                    let lists = try JSONDecoder().decode([String].self, from: Data(text.utf8))
                    let updated = lists.map { $0.lowercased() == old.lowercased() ? newName : $0 }
                    renamed.append((rowId, String(decoding: try JSONEncoder().encode(updated), as: UTF8.self)))
                }
                for (rowId, lists) in renamed {
                    try await connection.query(
                        #"UPDATE \#(unescaped: "\"\(table)\"") SET "lists" = \#(lists)::jsonb WHERE "id" = \#(rowId)"#, logger: logger)
                }
            }
        }
    }

    /// Deletes list `name` and its subscriptions (the members stay); refused while an event or a
    /// pending announcement names it. Returns how many subscriptions went with it.
    public func removeList(named name: String) throws(StoreError) -> Int {
        try transaction("remove list \(name)") { connection, logger in
            let summary = try await Self.listSummaries(connection.query(
                #"\#(unescaped: Self.listSummarySelect) WHERE lower("list"."name") = lower(\#(name)) FOR UPDATE OF "list""#, logger: logger)
            ).first
            guard let summary else { throw StoreError(.notFound, "no list named \"\(name)\"") }
            if let event = summary.events.first {
                throw StoreError(.conflict, "list \"\(summary.name)\" is used by event \(event); change the event's --list first")
            }
            if let announcement = summary.pendingAnnouncements.first {
                throw StoreError(.conflict, "list \"\(summary.name)\" is used by pending announcement \(announcement)")
            }
            try await connection.query(#"DELETE FROM "list" WHERE "id" = \#(summary.id)"#, logger: logger)
            return summary.subscribed + summary.unsubscribed
        }
    }
}

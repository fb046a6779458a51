import Foundation
import PostgresNIO
import StoreModel

/// What composing a queued message reads: its announcement or event, a list's id, the members'
/// unsubscribe tokens (``CompositionSource``, as SQLite's store reads them).
extension PostgresRelaisStore {
    /// One announcement; nil when it was removed.
    public func announcement(id: Int64) throws(StoreError) -> Stored<Announcement>? {
        try transaction("read announcement \(id)") { connection, logger in
            try await Self.announcements(
                connection.query(
                    #"SELECT \#(unescaped: Self.announcementColumns) FROM "announcement" WHERE "id" = \#(id)"#, logger: logger)
            ).first
        }
    }

    /// One event with its exceptions (by original occurrence); nil when it was removed.
    public func event(id: Int64) throws(StoreError) -> StoredEvent? {
        try transaction("read event \(id)") { connection, logger in
            let rows = try await connection.query(
                #"SELECT \#(unescaped: Self.eventColumns) FROM "event" WHERE "id" = \#(id)"#, logger: logger)
            var event: Stored<Event>?
            for try await row in rows { event = try Self.event(row.makeRandomAccess()) }
            guard let event else { return nil }
            let exceptions = try await Self.exceptions(
                connection.query(
                    """
                    SELECT \(unescaped: Self.exceptionColumns) FROM "eventException" WHERE "eventId" = \(id)
                    ORDER BY "occurrence" COLLATE "C"
                    """, logger: logger))
            return StoredEvent(event: event, exceptions: exceptions)
        }
    }

    /// The id of the list named `name`, compared case-insensitively (as the unique index on
    /// `lower("name")` does); nil when there is none.
    public func listID(named name: String) throws(StoreError) -> Int64? {
        try transaction("read the list \(name)") { connection, logger in
            try await Self.column(
                Int64.self,
                of: connection.query(#"SELECT "id" FROM "list" WHERE lower("name") = lower(\#(name))"#, logger: logger)
            ).first
        }
    }

    /// A member's unsubscribe token; nil when the member was removed.
    public func unsubscribeToken(memberId: Int64) throws(StoreError) -> String? {
        try transaction("read an unsubscribe token") { connection, logger in
            try await Self.column(
                String.self,
                of: connection.query(#"SELECT "unsubscribeToken" FROM "member" WHERE "id" = \#(memberId)"#, logger: logger)
            ).first
        }
    }

    /// The unsubscribe tokens of several members, by member id (removed members are absent).
    public func unsubscribeTokens(memberIds: [Int64]) throws(StoreError) -> [Int64: String] {
        guard !memberIds.isEmpty else { return [:] }
        return try transaction("read unsubscribe tokens") { connection, logger in
            var tokens: [Int64: String] = [:]
            let rows = try await connection.query(
                #"SELECT "id", "unsubscribeToken" FROM "member" WHERE "id" = ANY(\#(memberIds))"#, logger: logger)
            for try await (id, token) in rows.decode((Int64, String).self) { tokens[id] = token }
            return tokens
        }
    }
}

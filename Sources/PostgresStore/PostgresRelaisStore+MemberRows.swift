import Foundation
import Logging
import PostgresNIO
import StoreModel

/// Reading members and writing what their changes leave behind, inside a transaction: the
/// pieces the member, list and announcement operations share.
extension PostgresRelaisStore {
    /// The columns of `member` a ``Member`` is read from, quoted, in one select list.
    static let memberSelectList = [
        "id", "email", "name", "locale", "status", "unsubscribeToken", "bounceReply", "createdAt", "updatedAt",
    ].map { "\"member\".\"\($0)\"" }.joined(separator: ", ")

    /// One `member` row, read from the columns of ``memberSelectList``.
    static func storedMember(_ row: PostgresRandomAccessRow) throws -> Stored<Member> {
        let statusName = try row["status"].decode(String.self)
        guard let status = Member.Status(rawValue: statusName) else {
            throw StoreError(.database, "PostgreSQL: member in an unknown status \(statusName)")
        }
        let member = Member(
            email: try row["email"].decode(String.self), name: try row["name"].decode(String.self),
            locale: try row["locale"].decode(String.self), status: status,
            unsubscribeToken: try row["unsubscribeToken"].decode(String.self), bounceReply: try row["bounceReply"].decode(String?.self),
            createdAt: try row["createdAt"].decode(Date.self), updatedAt: try row["updatedAt"].decode(Date.self))
        return Stored(id: try row["id"].decode(Int64.self), member)
    }

    /// The members `rows` holds, in order.
    static func storedMembers(_ rows: PostgresRowSequence) async throws -> [Stored<Member>] {
        var members: [Stored<Member>] = []
        for try await row in rows { members.append(try storedMember(row.makeRandomAccess())) }
        return members
    }

    /// The member whose address is `email` (case-insensitively), locked for the rest of the transaction.
    static func memberForUpdate(email: String, _ connection: PostgresConnection, logger: Logger) async throws -> Stored<Member>? {
        try await storedMembers(connection.query(
            """
            SELECT \(unescaped: memberSelectList) FROM "member" WHERE lower("email") = lower(\(email)) FOR UPDATE
            """, logger: logger)).first
    }

    /// The id of the list named `name` (case-insensitively), if there is one.
    static func existingListID(named name: String, _ connection: PostgresConnection, logger: Logger) async throws -> Int64? {
        try await column(Int64.self, of: connection.query(#"SELECT "id" FROM "list" WHERE lower("name") = lower(\#(name))"#, logger: logger)).first
    }

    /// Adds one line to a member's history.
    static func recordMemberChange(memberId: Int64, _ change: MemberChange, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO "memberChange" ("memberId", "at", "source", "change", "list", "detail")
            VALUES (\(memberId), \(change.at), \(change.source.rawValue), \(change.change.rawValue), \(change.list), \(change.detail))
            """, logger: logger)
    }

    /// The subscriptions of the members `memberIds` (every member's when nil): for each, the
    /// lists she is on and those she left, each sorted by name as SQLite sorts them (case-insensitively).
    static func subscriptions(
        of memberIds: [Int64]?, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [Int64: (lists: [String], left: [String])] {
        let rows = try await connection.query(
            """
            SELECT "membership"."memberId", "list"."name", "membership"."subscribed"
            FROM "membership" JOIN "list" ON "list"."id" = "membership"."listId"
            WHERE \(memberIds == nil) OR "membership"."memberId" = ANY(\(memberIds ?? []))
            ORDER BY lower("list"."name"), "list"."name"
            """, logger: logger)
        var result: [Int64: (lists: [String], left: [String])] = [:]
        for try await (memberId, name, subscribed) in rows.decode((Int64, String, Bool).self) {
            if subscribed {
                result[memberId, default: ([], [])].lists.append(name)
            } else {
                result[memberId, default: ([], [])].left.append(name)
            }
        }
        return result
    }

    /// `members` with their subscriptions.
    static func listings(_ members: [Stored<Member>], _ connection: PostgresConnection, logger: Logger) async throws -> [MemberListing] {
        guard !members.isEmpty else { return [] }
        let subscriptions = try await subscriptions(of: members.count > 500 ? nil : members.map(\.id), connection, logger: logger)
        return members.map { member in
            let found = subscriptions[member.id]
            return MemberListing(member: member, lists: found?.lists ?? [], unsubscribedLists: found?.left ?? [])
        }
    }
}

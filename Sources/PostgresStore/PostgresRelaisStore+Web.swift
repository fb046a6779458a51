import Foundation
import Logging
import PostgresNIO
import StoreModel

/// What members answer over the web (``WebAnswerStore``), with SQLite's semantics: the member
/// behind a link (her token compared in constant time), her lists, her language, leaving
/// everything. Each change locks the rows it reads, so two answers at once (two tabs, two
/// daemons) apply one after the other, as SQLite's single writer does; always her member row
/// before her memberships, and those before her queue rows, so that they never deadlock.
extension PostgresRelaisStore: WebAnswerStore {
    /// The member with id `id` whose token is `token` (compared in constant time), or nil: an
    /// unknown id and a wrong token look the same to the caller.
    public func webMember(id: Int64, token: String) throws(StoreError) -> WebMember? {
        try transaction("read member \(id) for a link") { connection, logger in
            let rows = try await connection.query(
                """
                SELECT "id", "email", "name", "locale", "status", "unsubscribeToken" FROM "member" WHERE "id" = \(id)
                """, logger: logger)
            var found: (id: Int64, email: String, name: String, locale: String, status: String, token: String)?
            for try await row in rows.decode((Int64, String, String, String, String, String).self) { found = row }
            guard let found else {
                // Compare anyway, so an unknown id takes as long as a wrong token.
                _ = TokenComparison.equal(token, String(repeating: "0", count: 32))
                return nil
            }
            guard TokenComparison.equal(token, found.token) else { return nil }
            return WebMember(
                id: found.id, email: found.email, name: found.name, locale: found.locale, status: found.status,
                lists: try await Self.webLists(memberId: id, connection, logger: logger))
        }
    }

    /// The lists member `memberId` is or was on, by name as SQLite sorts them (case-insensitively).
    static func webLists(memberId: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> [WebMember.ListEntry] {
        let rows = try await connection.query(
            """
            SELECT "list"."id", "list"."name", "membership"."subscribed"
            FROM "membership" JOIN "list" ON "list"."id" = "membership"."listId"
            WHERE "membership"."memberId" = \(memberId) ORDER BY lower("list"."name"), "list"."name"
            """, logger: logger)
        var lists: [WebMember.ListEntry] = []
        for try await (id, name, subscribed) in rows.decode((Int64, String, Bool).self) {
            lists.append(WebMember.ListEntry(id: id, name: name, subscribed: subscribed))
        }
        return lists
    }

    /// Takes member `memberId` off list `listId` (idempotent); false when she is not on that list at all.
    @discardableResult
    public func leaveList(memberId: Int64, listId: Int64, source: MemberChange.Source, now: Date) throws(StoreError) -> Bool {
        try transaction("take member \(memberId) off list \(listId)") { connection, logger in
            try await Self.leaveList(memberId: memberId, listId: listId, source: source, now: now, connection, logger: logger)
        }
    }

    /// ``leaveList(memberId:listId:source:now:)`` in the caller's transaction: the membership, the
    /// change recorded with its source, and what is still queued for that list only cancelled
    /// (a row also meant for a list she is still on stays).
    static func leaveList(
        memberId: Int64, listId: Int64, source: MemberChange.Source, now: Date, _ connection: PostgresConnection, logger: Logger
    ) async throws -> Bool {
        guard let membership = try await membershipForUpdate(memberId: memberId, listId: listId, connection, logger: logger) else {
            return false
        }
        guard membership.subscribed else { return true }
        try await connection.query(
            """
            UPDATE "membership" SET "subscribed" = false, "changedAt" = \(now) WHERE "memberId" = \(memberId) AND "listId" = \(listId)
            """, logger: logger)
        try await recordMemberChange(
            memberId: memberId, MemberChange(at: now, source: source, change: .leftList, list: membership.name), connection, logger: logger)
        try await cancelUnreachable(
            memberId: memberId, reason: "not sent: the member left the list \(membership.name)", now: now, connection, logger: logger)
        return true
    }

    /// Puts member `memberId` back on list `listId` she had left (and makes her active again if
    /// she had left everything; a bounced address stays bounced); false when she was never on it.
    @discardableResult
    public func rejoinList(memberId: Int64, listId: Int64, source: MemberChange.Source, now: Date) throws(StoreError) -> Bool {
        try transaction("put member \(memberId) back on list \(listId)") { connection, logger in
            // Her member row first, then her membership: the order leaving everything locks them in.
            let status = try await Self.statusForUpdate(memberId: memberId, connection, logger: logger)
            guard let membership = try await Self.membershipForUpdate(memberId: memberId, listId: listId, connection, logger: logger) else {
                return false
            }
            if !membership.subscribed {
                try await connection.query(
                    """
                    UPDATE "membership" SET "subscribed" = true, "changedAt" = \(now) WHERE "memberId" = \(memberId) AND "listId" = \(listId)
                    """, logger: logger)
                try await Self.recordMemberChange(
                    memberId: memberId, MemberChange(at: now, source: source, change: .rejoinedList, list: membership.name),
                    connection, logger: logger)
            }
            if status == "unsubscribed" {
                try await connection.query(
                    #"UPDATE "member" SET "status" = 'active', "updatedAt" = \#(now) WHERE "id" = \#(memberId)"#, logger: logger)
                try await Self.recordMemberChange(
                    memberId: memberId, MemberChange(at: now, source: source, change: .rejoinedEverything), connection, logger: logger)
            }
            return true
        }
    }

    /// Member `memberId` leaves everything: nothing more is sent to her (idempotent: only an
    /// active member changes).
    public func leaveEverything(memberId: Int64, source: MemberChange.Source, now: Date) throws(StoreError) {
        try transaction("member \(memberId) leaves everything") { connection, logger in
            guard try await Self.statusForUpdate(memberId: memberId, connection, logger: logger) == "active" else { return }
            try await connection.query(
                #"UPDATE "member" SET "status" = 'unsubscribed', "updatedAt" = \#(now) WHERE "id" = \#(memberId)"#, logger: logger)
            try await Self.leaveEveryList(memberId: memberId, now: now, connection, logger: logger)
            try await Self.cancelUnsent(memberId: memberId, reason: "not sent: the member unsubscribed", now: now, connection, logger: logger)
            try await Self.recordMemberChange(
                memberId: memberId, MemberChange(at: now, source: source, change: .leftEverything), connection, logger: logger)
        }
    }

    /// Sets member `memberId`'s language to `locale` (recorded only when it changes).
    public func setLanguage(memberId: Int64, locale: String, source: MemberChange.Source, now: Date) throws(StoreError) {
        try transaction("set the language of member \(memberId)") { connection, logger in
            let old = try await Self.column(
                String.self,
                of: connection.query(#"SELECT "locale" FROM "member" WHERE "id" = \#(memberId) FOR UPDATE"#, logger: logger)
            ).first
            guard let old, old != locale else { return }
            try await connection.query(
                #"UPDATE "member" SET "locale" = \#(locale), "updatedAt" = \#(now) WHERE "id" = \#(memberId)"#, logger: logger)
            try await Self.recordMemberChange(
                memberId: memberId, MemberChange(at: now, source: source, change: .language, detail: "\(old) → \(locale)"),
                connection, logger: logger)
        }
    }

    /// Her membership of list `listId` (whether she is still on it, and the list's name), locked
    /// for the rest of the transaction; nil when she was never on it.
    static func membershipForUpdate(
        memberId: Int64, listId: Int64, _ connection: PostgresConnection, logger: Logger
    ) async throws -> (subscribed: Bool, name: String)? {
        let rows = try await connection.query(
            """
            SELECT "membership"."subscribed", "list"."name" FROM "membership" JOIN "list" ON "list"."id" = "membership"."listId"
            WHERE "membership"."memberId" = \(memberId) AND "membership"."listId" = \(listId) FOR UPDATE OF "membership"
            """, logger: logger)
        var found: (subscribed: Bool, name: String)?
        for try await (subscribed, name) in rows.decode((Bool, String).self) { found = (subscribed, name) }
        return found
    }

    /// Member `memberId`'s status (`active`, `unsubscribed`, `bounced`), her row locked for the
    /// rest of the transaction; nil when there is no such member.
    static func statusForUpdate(memberId: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> String? {
        try await column(
            String.self, of: connection.query(#"SELECT "status" FROM "member" WHERE "id" = \#(memberId) FOR UPDATE"#, logger: logger)
        ).first
    }

    /// Takes a member who leaves everything off each of her lists too, so that rejoining one list
    /// later brings back that list only.
    static func leaveEveryList(memberId: Int64, now: Date, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE "membership" SET "subscribed" = false, "changedAt" = \(now) WHERE "memberId" = \(memberId) AND "subscribed"
            """, logger: logger)
    }
}

import Foundation
import Logging
import PostgresNIO
import StoreModel

/// Members who leave (``MemberStore``'s unsubscribe and remove): what still waits to go to them
/// is cancelled in the same transaction, with SQLite's reasons, and their history is told.
extension PostgresRelaisStore {
    /// The states of a row not sent yet, a claimed one included (its daemon drops it before it
    /// starts; one already on the wire is recorded as sent).
    static let unsentStates: [String] = ["scheduled", "queued", "deferred", "held", "unknown", "sending"]

    /// Deletes a member and her subscriptions, and cancels what still waits to go to her, in
    /// one transaction (sent messages keep their recipient). False if unknown.
    public func removeMember(email: String, now: Date) throws(StoreError) -> Bool {
        try transaction("remove member \(email)") { connection, logger in
            guard let member = try await Self.memberForUpdate(email: email, connection, logger: logger) else { return false }
            try await Self.cancelUnsent(memberId: member.id, reason: "not sent: the member was removed", now: now, connection, logger: logger)
            try await connection.query(#"DELETE FROM "member" WHERE "id" = \#(member.id)"#, logger: logger)
            return true
        }
    }

    /// Unsubscribes a member from one list (cancelling her unsent rows that no list of hers
    /// still wants), or from everything when `list` is nil (cancelling all her unsent rows; a
    /// bounced member stays bounced), and tells her history.
    public func unsubscribe(email: String, list: String?, now: Date) throws(StoreError) {
        try transaction("unsubscribe \(email)") { connection, logger in
            guard let member = try await Self.memberForUpdate(email: email, connection, logger: logger) else {
                throw StoreError(.notFound, "no member with address \(email)")
            }
            if let list {
                guard let listId = try await Self.existingListID(named: list, connection, logger: logger) else {
                    throw StoreError(.notFound, "no list named \"\(list)\"")
                }
                let updated = try await Self.column(
                    Int64.self,
                    of: connection.query(
                        """
                        UPDATE "membership" SET "subscribed" = false, "changedAt" = \(now)
                        WHERE "memberId" = \(member.id) AND "listId" = \(listId) RETURNING "memberId"
                        """, logger: logger))
                if updated.isEmpty { throw StoreError(.notFound, "\(email) is not on list \"\(list)\"") }
                try await Self.recordMemberChange(
                    memberId: member.id, MemberChange(at: now, source: .cli, change: .leftList, list: list), connection, logger: logger)
                try await Self.cancelUnreachable(
                    memberId: member.id, reason: "not sent: the member left the list \(list)", now: now, connection, logger: logger)
            } else {
                let status = member.status == .bounced ? Member.Status.bounced : .unsubscribed
                try await connection.query(
                    #"UPDATE "member" SET "status" = \#(status.rawValue), "updatedAt" = \#(now) WHERE "id" = \#(member.id)"#, logger: logger)
                try await connection.query(
                    """
                    UPDATE "membership" SET "subscribed" = false, "changedAt" = \(now) WHERE "memberId" = \(member.id) AND "subscribed"
                    """, logger: logger)
                try await Self.cancelUnsent(memberId: member.id, reason: "not sent: the member unsubscribed", now: now, connection, logger: logger)
                try await Self.recordMemberChange(
                    memberId: member.id, MemberChange(at: now, source: .cli, change: .leftEverything), connection, logger: logger)
            }
        }
    }

    /// Cancels every row not yet sent to member `memberId`, claimed ones too.
    static func cancelUnsent(memberId: Int64, reason: String, now: Date, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE "queue" SET "state" = 'cancelled', "reason" = \(reason), "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = \(now)
            WHERE "memberId" = \(memberId) AND "state" = ANY(\(unsentStates))
            """, logger: logger)
    }

    /// Cancels member `memberId`'s unsent announcement and reminder rows whose lists she is no
    /// longer on; rows for a list she is still on stay, and a row whose announcement or event
    /// was removed is not judged. Returns how many.
    @discardableResult
    static func cancelUnreachable(memberId: Int64, reason: String, now: Date, _ connection: PostgresConnection, logger: Logger) async throws -> Int {
        let pendingRows = try await connection.query(
            """
            SELECT "id", "source" FROM "queue"
            WHERE "memberId" = \(memberId) AND "state" = ANY(\(unsentStates))
              AND ("source" LIKE 'announcement:%' OR "source" LIKE 'event:%')
            """, logger: logger)
        var pending: [(id: Int64, source: String)] = []
        for try await (id, source) in pendingRows.decode((Int64, String).self) { pending.append((id, source)) }
        guard !pending.isEmpty else { return 0 }
        let subscribed = Set(try await column(
            String.self,
            of: connection.query(
                """
                SELECT "list"."name" FROM "membership" JOIN "list" ON "list"."id" = "membership"."listId"
                WHERE "membership"."memberId" = \(memberId) AND "membership"."subscribed"
                """, logger: logger)))
        var audiences: [String: [String]] = [:]
        var unreachable: [Int64] = []
        for row in pending {
            if audiences[row.source] == nil { audiences[row.source] = try await audience(of: row.source, connection, logger: logger) }
            let lists = audiences[row.source] ?? []
            if !lists.isEmpty && subscribed.isDisjoint(with: lists) { unreachable.append(row.id) }
        }
        guard !unreachable.isEmpty else { return 0 }
        try await connection.query(
            """
            UPDATE "queue" SET "state" = 'cancelled', "reason" = \(reason), "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = \(now)
            WHERE "id" = ANY(\(unreachable))
            """, logger: logger)
        return unreachable.count
    }

    /// The lists a queue row's source was sent to: its announcement's, or its event's for a reminder.
    private static func audience(of source: String, _ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let parts = source.split(separator: ":")
        guard parts.count >= 2, let id = Int64(parts[1]) else { return [] }
        let query: PostgresQuery = parts[0] == "announcement"
            ? #"SELECT "lists"::text FROM "announcement" WHERE "id" = \#(id)"#
            : #"SELECT "lists"::text FROM "event" WHERE "id" = \#(id)"#
        guard let json = try await column(String.self, of: connection.query(query, logger: logger)).first,
              let lists = try? JSONDecoder().decode([String].self, from: Data(json.utf8))
        else { return [] }
        return lists
    }
}

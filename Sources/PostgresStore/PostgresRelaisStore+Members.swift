import Foundation
import Logging
import PostgresNIO
import StoreModel

/// Members as an operator manages them (``MemberStore``), with SQLite's semantics: addresses and
/// list names compare case-insensitively (the unique `lower(…)` indexes), each call is one
/// transaction, and the errors say what SQLite's say.
extension PostgresRelaisStore {
    /// Adds or updates members and their subscriptions in one transaction (see
    /// ``MemberStore/upsertMembers(_:createLists:now:welcome:)``). Reads the members and
    /// subscriptions concerned in a few queries, not one per row; wakes the daemons when
    /// welcome messages were queued.
    public func upsertMembers(
        _ inputs: [MemberInput], createLists: Bool, now: Date, welcome: (@Sendable (Stored<Member>) -> QueueMessage)?
    ) throws(StoreError) -> MemberUpsertSummary {
        try transaction("add or update members") { connection, logger in
            let listIds = try await Self.listIDs(for: inputs.flatMap(\.lists), create: createLists, now: now, connection, logger: logger)
            var known = try await Self.members(withAddresses: inputs.map(\.email), connection, logger: logger)
            var subscriptions = try await Self.subscriptionPairs(of: known.values.map(\.id), connection, logger: logger)
            // The new members, as first given, inserted together; the walk below finds them.
            var created = Set<String>()
            var newMembers: [Member] = []
            for input in inputs where known[input.email.lowercased()] == nil && created.insert(input.email.lowercased()).inserted {
                newMembers.append(Member(email: input.email, name: input.name, locale: input.locale, now: now))
            }
            for member in try await Self.insertMembers(newMembers, connection, logger: logger) { known[member.email.lowercased()] = member }
            var newSubscriptions: [(memberId: Int64, listId: Int64)] = []
            var summary = MemberUpsertSummary()
            var welcomeRows: [QueueMessage] = []
            // Input by input, as SQLite goes: an address given twice is added, then found.
            for input in inputs {
                let key = input.email.lowercased()
                var changed = false
                var isNew = false
                let member: Stored<Member>
                if created.remove(key) != nil, let new = known[key] {
                    member = new
                    isNew = true
                } else if var existing = known[key] {
                    if existing.name != input.name || existing.locale != input.locale {
                        existing.name = input.name
                        existing.locale = input.locale
                        existing.updatedAt = now
                        try await connection.query(
                            """
                            UPDATE "member" SET "name" = \(input.name), "locale" = \(input.locale), "updatedAt" = \(now)
                            WHERE "id" = \(existing.id)
                            """, logger: logger)
                        known[key] = existing
                        changed = true
                    }
                    member = existing
                } else {
                    throw StoreError(.database, "PostgreSQL: member \(input.email) was not added")
                }
                for list in input.lists {
                    let pair = SubscriptionPair(memberId: member.id, listId: listIds[list.lowercased()]!)
                    if subscriptions.insert(pair).inserted {
                        newSubscriptions.append((pair.memberId, pair.listId))
                        changed = true
                    }
                }
                if summary.count(member.email, isNew: isNew, changed: changed), let welcome {
                    welcomeRows.append(welcome(member))
                }
            }
            try await Self.subscribe(newSubscriptions, now: now, connection, logger: logger)
            if !welcomeRows.isEmpty {
                summary.welcomed = try await Self.insert(welcomeRows, connection, logger: logger)
                if summary.welcomed > 0 { try await self.notifyQueue(connection, logger: logger) }
            }
            return summary
        }
    }

    /// The ids of the lists `names` (case-insensitively, by lower-cased name); lists that do not
    /// exist are created in the order first named, or, without `create`, refuse the upsert
    /// naming each as given.
    static func listIDs(
        for names: [String], create: Bool, now: Date, _ connection: PostgresConnection, logger: Logger
    ) async throws -> [String: Int64] {
        guard !names.isEmpty else { return [:] }
        var ids: [String: Int64] = [:]
        let rows = try await connection.query(
            #"SELECT lower("name"), "id" FROM "list" WHERE lower("name") = ANY(\#(names.map { $0.lowercased() }))"#, logger: logger)
        for try await (name, id) in rows.decode((String, Int64).self) { ids[name] = id }
        var unknown: [String] = []
        for name in names where ids[name.lowercased()] == nil && !unknown.contains(where: { $0.lowercased() == name.lowercased() }) {
            unknown.append(name)
        }
        guard !unknown.isEmpty else { return ids }
        guard create else {
            let quoted = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
            throw StoreError(
                .notFound,
                "no list named \(quoted) (see relaisctl list list; create \(unknown.count == 1 ? "it" : "them") with relaisctl list add, or give --create-lists)")
        }
        for name in unknown {
            ids[name.lowercased()] = try await insertList(named: name, now: now, connection, logger: logger)
        }
        return ids
    }

    /// Creates the list `name`; returns its id.
    static func insertList(named name: String, now: Date, _ connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        let id = try await column(
            Int64.self,
            of: connection.query(#"INSERT INTO "list" ("name", "createdAt") VALUES (\#(name), \#(now)) RETURNING "id""#, logger: logger)
        ).first
        guard let id else { throw StoreError(.database, "PostgreSQL: no id for the new list \"\(name)\"") }
        return id
    }

    /// The stored members whose addresses are among `emails`, by lower-cased address, locked for
    /// the rest of the transaction.
    static func members(withAddresses emails: [String], _ connection: PostgresConnection, logger: Logger) async throws -> [String: Stored<Member>] {
        guard !emails.isEmpty else { return [:] }
        let found = try await storedMembers(connection.query(
            """
            SELECT \(unescaped: memberSelectList) FROM "member" WHERE lower("email") = ANY(\(emails.map { $0.lowercased() })) FOR UPDATE
            """, logger: logger))
        return Dictionary(found.map { ($0.email.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Inserts `members`, a thousand per statement; returns them with their ids, in order.
    static func insertMembers(_ members: [Member], _ connection: PostgresConnection, logger: Logger) async throws -> [Stored<Member>] {
        var stored: [Stored<Member>] = []
        var start = 0
        while start < members.count {
            let batch = members[start..<min(start + 1000, members.count)]
            var bindings = PostgresBindings(capacity: batch.count * 7)
            var tuples: [String] = []
            for member in batch {
                let first = bindings.count + 1
                tuples.append("(" + (first..<first + 7).map { "$\($0)" }.joined(separator: ", ") + ")")
                bindings.append(member.email)
                bindings.append(member.name)
                bindings.append(member.locale)
                bindings.append(member.status.rawValue)
                bindings.append(member.unsubscribeToken)
                bindings.append(member.createdAt)
                bindings.append(member.updatedAt)
            }
            let sql = """
                INSERT INTO "member" ("email", "name", "locale", "status", "unsubscribeToken", "createdAt", "updatedAt")
                VALUES \(tuples.joined(separator: ", ")) RETURNING "id", "email"
                """
            var ids: [String: Int64] = [:]
            for try await (id, email) in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
                .decode((Int64, String).self) {
                ids[email] = id
            }
            for member in batch {
                guard let id = ids[member.email] else { throw StoreError(.database, "PostgreSQL: no id for the new member \(member.email)") }
                stored.append(Stored(id: id, member))
            }
            start += batch.count
        }
        return stored
    }

    /// A member's subscription to a list, subscribed or left.
    struct SubscriptionPair: Hashable {
        let memberId: Int64
        let listId: Int64
    }

    /// The subscriptions (subscribed or left) of the members `memberIds`.
    static func subscriptionPairs(of memberIds: [Int64], _ connection: PostgresConnection, logger: Logger) async throws -> Set<SubscriptionPair> {
        guard !memberIds.isEmpty else { return [] }
        var pairs = Set<SubscriptionPair>()
        let rows = try await connection.query(
            #"SELECT "memberId", "listId" FROM "membership" WHERE "memberId" = ANY(\#(memberIds))"#, logger: logger)
        for try await (memberId, listId) in rows.decode((Int64, Int64).self) { pairs.insert(SubscriptionPair(memberId: memberId, listId: listId)) }
        return pairs
    }

    /// Subscribes each member of `pairs` to its list (none of them is subscribed or left yet),
    /// some thousands per statement.
    static func subscribe(_ pairs: [(memberId: Int64, listId: Int64)], now: Date, _ connection: PostgresConnection, logger: Logger) async throws {
        var start = 0
        while start < pairs.count {
            let batch = pairs[start..<min(start + 10_000, pairs.count)]
            try await connection.query(
                """
                INSERT INTO "membership" ("memberId", "listId", "subscribed", "changedAt")
                SELECT "memberId", "listId", true, \(now) FROM unnest(\(batch.map(\.memberId)), \(batch.map(\.listId))) AS t("memberId", "listId")
                """, logger: logger)
            start += batch.count
        }
    }

    /// The member with this address, with her lists; nil when there is none.
    public func member(email: String) throws(StoreError) -> MemberListing? {
        try transaction("read member \(email)") { connection, logger in
            let found = try await Self.storedMembers(connection.query(
                """
                SELECT \(unescaped: Self.memberSelectList) FROM "member" WHERE lower("email") = lower(\(email))
                """, logger: logger))
            return try await Self.listings(found, connection, logger: logger).first
        }
    }

    /// Every member, or those subscribed to `list`, by address (case-insensitively, as SQLite orders them).
    public func members(inList list: String?) throws(StoreError) -> [MemberListing] {
        try transaction("list members") { connection, logger in
            var listId: Int64?
            if let list {
                listId = try await Self.existingListID(named: list, connection, logger: logger)
                if listId == nil { throw StoreError(.notFound, "no list named \"\(list)\"") }
            }
            let members = try await Self.storedMembers(connection.query(
                """
                SELECT \(unescaped: Self.memberSelectList) FROM "member"
                WHERE \(listId == nil) OR "id" IN (SELECT "memberId" FROM "membership" WHERE "listId" = \(listId) AND "subscribed")
                ORDER BY lower("email"), "email"
                """, logger: logger))
            return try await Self.listings(members, connection, logger: logger)
        }
    }

    /// Her history, oldest first.
    public func memberChanges(email: String) throws(StoreError) -> [MemberChange] {
        try transaction("read the history of \(email)") { connection, logger in
            let rows = try await connection.query(
                """
                SELECT "memberChange"."at", "memberChange"."source", "memberChange"."change", "memberChange"."list", "memberChange"."detail"
                FROM "memberChange" JOIN "member" ON "member"."id" = "memberChange"."memberId"
                WHERE lower("member"."email") = lower(\(email)) ORDER BY "memberChange"."at", "memberChange"."id"
                """, logger: logger)
            var changes: [MemberChange] = []
            for try await (at, source, change, list, detail) in rows.decode((Date, String, String, String?, String?).self) {
                guard let source = MemberChange.Source(rawValue: source), let change = MemberChange.Kind(rawValue: change) else { continue }
                changes.append(MemberChange(at: at, source: source, change: change, list: list, detail: detail))
            }
            return changes
        }
    }

    /// Active members subscribed to at least one of `lists` (case-insensitively), each once, by address.
    public func activeMembers(inLists lists: [String]) throws(StoreError) -> [Stored<Member>] {
        guard !lists.isEmpty else { return [] }
        return try transaction("read the members of \(lists.joined(separator: ", "))") { connection, logger in
            try await Self.activeMembers(ofLists: lists, connection, logger: logger)
        }
    }

    /// ``activeMembers(inLists:)`` inside the caller's transaction.
    static func activeMembers(ofLists lists: [String], _ connection: PostgresConnection, logger: Logger) async throws -> [Stored<Member>] {
        try await storedMembers(connection.query(
            """
            SELECT \(unescaped: memberSelectList) FROM "member" WHERE "status" = 'active' AND "id" IN (
              SELECT "membership"."memberId" FROM "membership" JOIN "list" ON "list"."id" = "membership"."listId"
              WHERE "membership"."subscribed" AND lower("list"."name") = ANY(\(lists.map { $0.lowercased() })))
            ORDER BY lower("email"), "email"
            """, logger: logger))
    }
}

import Foundation
import GRDB
import StoreModel

extension RelaisStore {
    /// Adds or updates members and their list subscriptions in ONE transaction.
    ///
    /// A member is matched by address (case-insensitively); her name and locale are updated.
    /// Lists are added, never removed, and a list she unsubscribed from is not re-subscribed.
    /// With `createLists` false, a list that does not exist refuses the whole upsert (naming
    /// every unknown list) and nothing is written. `welcome` makes the queue row of a welcome
    /// message for each member added (not updated); its idempotency key keeps it from being
    /// queued twice.
    public func upsertMembers(
        _ inputs: [MemberInput], createLists: Bool = true, now: Date = Date(), welcome: (@Sendable (Stored<Member>) -> QueueMessage)? = nil
    ) throws(StoreError) -> MemberUpsertSummary {
        try write { db in
            var summary = MemberUpsertSummary()
            var listIds: [String: Int64] = [:]
            if !createLists {
                var unknown: [String] = []
                for list in inputs.flatMap(\.lists) where !unknown.contains(where: { $0.lowercased() == list.lowercased() }) {
                    if try Self.listId(named: list, create: false, db: db, now: now) == nil { unknown.append(list) }
                }
                if !unknown.isEmpty {
                    let names = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
                    throw StoreError(
                        .notFound,
                        "no list named \(names) (see relaisctl list list; create \(unknown.count == 1 ? "it" : "them") with relaisctl list add, or give --create-lists)")
                }
            }
            var welcomeRows: [QueueMessage] = []
            for input in inputs {
                var changed = false
                var isNew = false
                let member: Stored<Member>
                if var existing = try MemberRow.filter(MemberRow.Columns.email == input.email).fetchOne(db)?.stored {
                    if existing.name != input.name || existing.locale != input.locale {
                        existing.name = input.name
                        existing.locale = input.locale
                        existing.updatedAt = now
                        try MemberRow(existing).update(db)
                        changed = true
                    }
                    member = existing
                } else {
                    member = try MemberRow.insert(Member(email: input.email, name: input.name, locale: input.locale, now: now), db)
                    isNew = true
                }
                for list in input.lists {
                    let listId = try listIds[list.lowercased()] ?? Self.listId(named: list, create: true, db: db, now: now)!
                    listIds[list.lowercased()] = listId
                    let exists = try MembershipRecord.filter(
                        MembershipRecord.Columns.memberId == member.id && MembershipRecord.Columns.listId == listId
                    ).fetchCount(db) > 0
                    if !exists {
                        try MembershipRecord(memberId: member.id, listId: listId, now: now).insert(db)
                        changed = true
                    }
                }
                if summary.count(member.email, isNew: isNew, changed: changed), let welcome {
                    welcomeRows.append(welcome(member))
                }
            }
            if !welcomeRows.isEmpty { summary.welcomed = try Self.enqueue(welcomeRows, db: db) }
            return summary
        }
    }

    /// The member with this address, if any.
    public func member(email: String) throws(StoreError) -> MemberListing? {
        try read { db in
            guard let member = try MemberRow.filter(MemberRow.Columns.email == email).fetchOne(db) else { return nil }
            return try Self.listing(for: member.stored, db: db)
        }
    }

    /// All members, or those subscribed to `list`, ordered by address.
    public func members(inList list: String? = nil) throws(StoreError) -> [MemberListing] {
        try read { db in
            var request = MemberRow.order(MemberRow.Columns.email)
            if let list {
                guard let listId = try Self.listId(named: list, create: false, db: db, now: Date()) else {
                    throw StoreError(.notFound, "no list named \"\(list)\"")
                }
                request = request.filter(sql: "id IN (SELECT memberId FROM membership WHERE listId = ? AND subscribed)", arguments: [listId])
            }
            return try request.fetchAll(db).map { try Self.listing(for: $0.stored, db: db) }
        }
    }

    /// Deletes a member and her subscriptions, and cancels what is still waiting to go to her,
    /// in one transaction (sent messages keep their recipient). False if unknown.
    public func removeMember(email: String, now: Date = Date()) throws(StoreError) -> Bool {
        try write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM member WHERE email = ?", arguments: [email]) else { return false }
            try Self.cancelPending(memberId: id, reason: "not sent: the member was removed", db: db, now: now)
            return try MemberRow.filter(MemberRow.Columns.email == email).deleteAll(db) > 0
        }
    }

    /// Takes a member who leaves everything off each of her lists too, so that rejoining one
    /// list later brings back that list only.
    static func leaveEveryList(memberId: Int64, db: Database, now: Date) throws {
        try db.execute(
            sql: "UPDATE membership SET subscribed = 0, changedAt = ? WHERE memberId = ? AND subscribed", arguments: [now, memberId])
    }

    /// Cancels the rows not yet sent to a member, also those a daemon claimed but has not
    /// started (it drops them before they start; one already on the wire is recorded as sent).
    /// The daemon checks the member again when it claims a row.
    static func cancelPending(memberId: Int64, reason: String, db: Database, now: Date) throws {
        try db.execute(
            sql: """
                UPDATE queue SET state = 'cancelled', reason = :reason, leaseOwner = NULL, leaseExpiresAt = NULL, updatedAt = :now
                WHERE memberId = :member AND state IN ('scheduled', 'queued', 'deferred', 'held', 'unknown', 'sending')
                """,
            arguments: ["reason": reason, "now": now, "member": memberId])
    }

    /// Unsubscribes a member from one list, or from everything when `list` is nil.
    public func unsubscribe(email: String, list: String?, now: Date = Date()) throws(StoreError) {
        try write { db in
            guard var member = try MemberRow.filter(MemberRow.Columns.email == email).fetchOne(db)?.stored else {
                throw StoreError(.notFound, "no member with address \(email)")
            }
            if let list {
                guard let listId = try Self.listId(named: list, create: false, db: db, now: now) else {
                    throw StoreError(.notFound, "no list named \"\(list)\"")
                }
                let updated = try MembershipRecord
                    .filter(MembershipRecord.Columns.memberId == member.id && MembershipRecord.Columns.listId == listId)
                    .updateAll(db, MembershipRecord.Columns.subscribed.set(to: false), Column("changedAt").set(to: now))
                if updated == 0 { throw StoreError(.notFound, "\(email) is not on list \"\(list)\"") }
                try Self.recordChange(memberId: member.id, MemberChange(at: now, source: .cli, change: .leftList, list: list), db: db)
                try Self.cancelUnreachable(memberId: member.id, reason: "not sent: the member left the list \(list)", db: db, now: now)
            } else {
                member.status = member.status == .bounced ? .bounced : .unsubscribed
                member.updatedAt = now
                try MemberRow(member).update(db)
                try Self.leaveEveryList(memberId: member.id, db: db, now: now)
                try Self.cancelPending(memberId: member.id, reason: "not sent: the member unsubscribed", db: db, now: now)
                try Self.recordChange(memberId: member.id, MemberChange(at: now, source: .cli, change: .leftEverything), db: db)
            }
        }
    }

    /// The names of all lists, sorted.
    public func listNames() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT name FROM list ORDER BY name") }
    }

    static func listId(named name: String, create: Bool, db: Database, now: Date) throws -> Int64? {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM list WHERE name = ?", arguments: [name]) { return id }
        guard create else { return nil }
        var list = ListRecord(name: name, now: now)
        try list.insert(db)
        return list.id
    }

    static func listing(for member: Stored<Member>, db: Database) throws -> MemberListing {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT list.name, membership.subscribed FROM membership JOIN list ON list.id = membership.listId WHERE memberId = ? ORDER BY list.name",
            arguments: [member.id]
        )
        return MemberListing(
            member: member,
            lists: rows.filter { $0["subscribed"] }.map { $0["name"] },
            unsubscribedLists: rows.filter { !$0["subscribed"] }.map { $0["name"] }
        )
    }
}

extension RelaisStore {
    /// The unsubscribe tokens of these members (those that still exist), in one query per 500.
    public func unsubscribeTokens(memberIds: [Int64]) throws(StoreError) -> [Int64: String] {
        guard !memberIds.isEmpty else { return [:] }
        return try read { db in
            var tokens: [Int64: String] = [:]
            for start in stride(from: 0, to: memberIds.count, by: 500) {
                let chunk = Array(memberIds[start..<min(start + 500, memberIds.count)])
                let rows = try Row.fetchAll(db, SQLRequest(literal: "SELECT id, unsubscribeToken FROM member WHERE id IN \(chunk)"))
                for row in rows {
                    if let token = row["unsubscribeToken"] as String? { tokens[row["id"]] = token }
                }
            }
            return tokens
        }
    }

    /// A member's unsubscribe token, if she still exists.
    public func unsubscribeToken(memberId: Int64) throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT unsubscribeToken FROM member WHERE id = ?", arguments: [memberId]) }
    }
}

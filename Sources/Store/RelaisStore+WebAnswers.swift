import Foundation
import GRDB
import StoreModel

/// What members answer over the web: their identity behind a link, list changes, language, RSVP
/// (``WebAnswerStore``, with the figures of `RelaisStore+Figures.swift`).
extension RelaisStore: WebAnswerStore {
    /// The member with id `id` whose token is `token` (compared in constant time), or nil: an
    /// unknown id and a wrong token look the same to the caller.
    public func webMember(id: Int64, token: String) throws(StoreError) -> WebMember? {
        try read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT id, email, name, locale, status, unsubscribeToken FROM member WHERE id = ?", arguments: [id])
            else {
                // Compare anyway, so an unknown id takes as long as a wrong token.
                _ = TokenComparison.equal(token, String(repeating: "0", count: 32))
                return nil
            }
            guard TokenComparison.equal(token, row["unsubscribeToken"]) else { return nil }
            return WebMember(
                id: row["id"], email: row["email"], name: row["name"], locale: row["locale"], status: row["status"],
                lists: try Self.webLists(memberId: id, db: db))
        }
    }

    static func webLists(memberId: Int64, db: Database) throws -> [WebMember.ListEntry] {
        try Row.fetchAll(
            db,
            sql: "SELECT list.id, list.name, membership.subscribed FROM membership JOIN list ON list.id = membership.listId WHERE memberId = ? ORDER BY list.name",
            arguments: [memberId]
        ).map { WebMember.ListEntry(id: $0["id"], name: $0["name"], subscribed: $0["subscribed"]) }
    }

    /// Takes member `memberId` off list `listId` (idempotent: leaving twice changes nothing the
    /// second time); returns false when she is not on that list at all.
    @discardableResult
    public func leaveList(memberId: Int64, listId: Int64, source: MemberChange.Source, now: Date = Date()) throws(StoreError) -> Bool {
        try write { db in try Self.leaveList(memberId: memberId, listId: listId, source: source, db: db, now: now) }
    }

    /// ``leaveList(memberId:listId:source:now:)`` in the caller's transaction: the membership, the
    /// change recorded with its source, and what is still queued for that list only cancelled.
    static func leaveList(memberId: Int64, listId: Int64, source: MemberChange.Source, db: Database, now: Date) throws -> Bool {
        guard let row = try Row.fetchOne(
            db,
            sql: "SELECT membership.subscribed, list.name FROM membership JOIN list ON list.id = membership.listId WHERE memberId = ? AND listId = ?",
            arguments: [memberId, listId])
        else { return false }
        guard row["subscribed"] as Bool else { return true }
        try db.execute(
            sql: "UPDATE membership SET subscribed = 0, changedAt = ? WHERE memberId = ? AND listId = ?",
            arguments: [now, memberId, listId])
        try recordChange(memberId: memberId, MemberChange(at: now, source: source, change: .leftList, list: row["name"]), db: db)
        try cancelUnreachable(memberId: memberId, reason: "not sent: the member left the list \(row["name"] as String)", db: db, now: now)
        return true
    }

    /// Puts member `memberId` back on list `listId` she had left (and makes her active again if
    /// she had left everything; a bounced address stays bounced); false when she was never on it.
    @discardableResult
    public func rejoinList(memberId: Int64, listId: Int64, source: MemberChange.Source, now: Date = Date()) throws(StoreError) -> Bool {
        try write { db in
            guard let row = try Row.fetchOne(
                db,
                sql: "SELECT membership.subscribed, list.name FROM membership JOIN list ON list.id = membership.listId WHERE memberId = ? AND listId = ?",
                arguments: [memberId, listId])
            else { return false }
            if !(row["subscribed"] as Bool) {
                try db.execute(
                    sql: "UPDATE membership SET subscribed = 1, changedAt = ? WHERE memberId = ? AND listId = ?",
                    arguments: [now, memberId, listId])
                try Self.recordChange(memberId: memberId, MemberChange(at: now, source: source, change: .rejoinedList, list: row["name"]), db: db)
            }
            try Self.reactivate(memberId: memberId, source: source, now: now, db: db)
            return true
        }
    }

    /// Member `memberId` leaves everything: nothing more is sent to her (idempotent).
    public func leaveEverything(memberId: Int64, source: MemberChange.Source, now: Date = Date()) throws(StoreError) {
        try write { db in
            let status = try String.fetchOne(db, sql: "SELECT status FROM member WHERE id = ?", arguments: [memberId])
            guard status == "active" else { return }
            try db.execute(sql: "UPDATE member SET status = 'unsubscribed', updatedAt = ? WHERE id = ?", arguments: [now, memberId])
            try Self.leaveEveryList(memberId: memberId, db: db, now: now)
            try Self.cancelPending(memberId: memberId, reason: "not sent: the member unsubscribed", db: db, now: now)
            try Self.recordChange(memberId: memberId, MemberChange(at: now, source: source, change: .leftEverything), db: db)
        }
    }

    /// Sets member `memberId`'s language to `locale` (recorded only when it changes).
    public func setLanguage(memberId: Int64, locale: String, source: MemberChange.Source, now: Date = Date()) throws(StoreError) {
        try write { db in
            guard let old = try String.fetchOne(db, sql: "SELECT locale FROM member WHERE id = ?", arguments: [memberId]), old != locale else {
                return
            }
            try db.execute(sql: "UPDATE member SET locale = ?, updatedAt = ? WHERE id = ?", arguments: [locale, now, memberId])
            try Self.recordChange(memberId: memberId, MemberChange(at: now, source: source, change: .language, detail: "\(old) → \(locale)"), db: db)
        }
    }

    /// The changes recorded for the member with address `email`, oldest first.
    public func memberChanges(email: String) throws(StoreError) -> [MemberChange] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT memberChange.* FROM memberChange JOIN member ON member.id = memberChange.memberId
                    WHERE member.email = ? ORDER BY memberChange.at, memberChange.id
                    """,
                arguments: [email]
            ).compactMap { row in
                guard let source = MemberChange.Source(rawValue: row["source"]), let change = MemberChange.Kind(rawValue: row["change"]) else {
                    return nil
                }
                return MemberChange(at: row["at"], source: source, change: change, list: row["list"], detail: row["detail"])
            }
        }
    }

    static func recordChange(memberId: Int64, _ change: MemberChange, db: Database) throws {
        try db.execute(
            sql: "INSERT INTO memberChange (memberId, at, source, change, list, detail) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [memberId, change.at, change.source.rawValue, change.change.rawValue, change.list, change.detail])
    }

    private static func reactivate(memberId: Int64, source: MemberChange.Source, now: Date, db: Database) throws {
        let status = try String.fetchOne(db, sql: "SELECT status FROM member WHERE id = ?", arguments: [memberId])
        guard status == "unsubscribed" else { return }
        try db.execute(sql: "UPDATE member SET status = 'active', updatedAt = ? WHERE id = ?", arguments: [now, memberId])
        try recordChange(memberId: memberId, MemberChange(at: now, source: source, change: .rejoinedEverything), db: db)
    }
}

extension RelaisStore {
    /// The id of the list named `name` (case-insensitive), if it exists.
    public func listID(named name: String) throws(StoreError) -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT id FROM list WHERE name = ? COLLATE NOCASE", arguments: [name]) }
    }
}

import Foundation
import GRDB
import StoreModel

extension RelaisStore {
    /// Every list with its member counts, by name.
    public func lists() throws(StoreError) -> [ListSummary] {
        try read { db in
            let records = try ListRecord.order(ListRecord.Columns.name).fetchAll(db)
            return try records.map { try Self.summary(of: $0, db: db) }
        }
    }

    /// One list, or nil when there is none of that name (names are case-insensitive).
    public func list(named name: String) throws(StoreError) -> ListSummary? {
        try read { db in
            guard let record = try ListRecord.filter(ListRecord.Columns.name == name).fetchOne(db) else { return nil }
            return try Self.summary(of: record, db: db)
        }
    }

    /// Creates a list; a conflict when one of that name exists.
    @discardableResult
    public func addList(named name: String, now: Date = Date()) throws(StoreError) -> ListSummary {
        try write { db in
            if try ListRecord.filter(ListRecord.Columns.name == name).fetchCount(db) > 0 {
                throw StoreError(.conflict, "a list named \"\(name)\" already exists")
            }
            var record = ListRecord(name: name, now: now)
            try record.insert(db)
            return try Self.summary(of: record, db: db)
        }
    }

    /// Renames a list, and the name in the events and pending announcements that use it, in one transaction.
    public func renameList(_ name: String, to newName: String) throws(StoreError) {
        try write { db in
            guard var record = try ListRecord.filter(ListRecord.Columns.name == name).fetchOne(db) else {
                throw StoreError(.notFound, "no list named \"\(name)\"")
            }
            if name.lowercased() != newName.lowercased(),
               try ListRecord.filter(ListRecord.Columns.name == newName).fetchCount(db) > 0 {
                throw StoreError(.conflict, "a list named \"\(newName)\" already exists")
            }
            let old = record.name
            record.name = newName
            try record.update(db)
            for var event in try EventRow.fetchAll(db) where event.value.lists.contains(where: { $0.lowercased() == old.lowercased() }) {
                event.value.lists = event.value.lists.map { $0.lowercased() == old.lowercased() ? newName : $0 }
                try event.update(db)
            }
            for var announcement in try AnnouncementRow.filter(sql: "state = 'pending'").fetchAll(db)
            where announcement.value.lists.contains(where: { $0.lowercased() == old.lowercased() }) {
                announcement.value.lists = announcement.value.lists.map { $0.lowercased() == old.lowercased() ? newName : $0 }
                try announcement.update(db)
            }
        }
    }

    /// Deletes a list and its subscriptions (members stay); refused while an event or a pending
    /// announcement uses it. Returns how many subscriptions went with it.
    public func removeList(named name: String) throws(StoreError) -> Int {
        try write { db in
            guard let record = try ListRecord.filter(ListRecord.Columns.name == name).fetchOne(db) else {
                throw StoreError(.notFound, "no list named \"\(name)\"")
            }
            let summary = try Self.summary(of: record, db: db)
            if let event = summary.events.first {
                throw StoreError(.conflict, "list \"\(record.name)\" is used by event \(event); change the event's --list first")
            }
            if let announcement = summary.pendingAnnouncements.first {
                throw StoreError(.conflict, "list \"\(record.name)\" is used by pending announcement \(announcement)")
            }
            _ = try record.delete(db)
            return summary.subscribed + summary.unsubscribed
        }
    }

    /// Of `names`, those that are not lists (as given, in order, without repeats).
    public func unknownLists(_ names: [String]) throws(StoreError) -> [String] {
        let known = Set(try listNames().map { $0.lowercased() })
        var seen = Set<String>()
        return names.filter { !known.contains($0.lowercased()) && seen.insert($0.lowercased()).inserted }
    }

    static func summary(of record: ListRecord, db: Database) throws -> ListSummary {
        let id = record.id!
        let subscribed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM membership WHERE listId = ? AND subscribed", arguments: [id]) ?? 0
        let left = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM membership WHERE listId = ? AND NOT subscribed", arguments: [id]) ?? 0
        let name = record.name.lowercased()
        let events = try EventRow.fetchAll(db).map(\.stored).filter { $0.lists.contains { $0.lowercased() == name } }.map(\.id)
        let announcements = try AnnouncementRow.filter(sql: "state = 'pending'").fetchAll(db).map(\.stored)
            .filter { $0.lists.contains { $0.lowercased() == name } }.map(\.id)
        return ListSummary(
            id: id, name: record.name, subscribed: subscribed, unsubscribed: left, createdAt: record.createdAt,
            events: events.sorted(), pendingAnnouncements: announcements.sorted())
    }
}

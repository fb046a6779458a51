import Foundation
import GRDB
import StoreModel

/// The whole database as tables of storage values, for `relaisctl store copy`.
extension RelaisStore: StoreTableSource {
    /// Rows per batch handed to a sink, unless their bytes reach ``tableBatchBytes`` first.
    public static let tableBatchSize = 1000
    /// The bytes (roughly) after which a batch is handed over early: a queue with message
    /// bodies is read a few megabytes at a time, never a whole table.
    public static let tableBatchBytes = 8 << 20

    /// The database file.
    public var sourceName: String { path }

    /// Reads every table of the schema (not GRDB's `grdb_migrations`, SQLite's own tables, nor
    /// ``StoreTable/notCopied``) in one read transaction, so counts and rows are one snapshot
    /// even while `relaisd` writes. Tables come parents first (by their foreign keys, then by
    /// name), rows in primary key order. A database error is a ``StoreError``; the sink's errors
    /// are rethrown as they are.
    public func readTables(batchSize: Int = RelaisStore.tableBatchSize, into sink: any StoreTableSink) throws {
        let batchSize = max(1, batchSize)
        do {
            try pool.read { db in
                let tables = try Self.copiedTables(db)
                try sink.prepare(tables)
                for table in tables {
                    try Self.stream(table, batchSize: batchSize, db: db, into: sink)
                }
            }
        } catch let error as DatabaseError {
            throw StoreError(.database, "database \(path): \(Self.describe(error))")
        }
    }

    /// The tables to copy, parents first, with their columns, keys, row counts and the last id
    /// each `AUTOINCREMENT` table handed out.
    static func copiedTables(_ db: Database) throws -> [StoreTable] {
        let names = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'"
        ).filter { !StoreTable.notCopied.contains($0) }
        var parents: [String: Set<String>] = [:]
        for name in names {
            let referenced = try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(name.quotedDatabaseIdentifier))").map { $0["table"] as String }
            parents[name] = Set(referenced).intersection(names).subtracting([name])
        }
        let sequences = try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sqlite_master WHERE name = 'sqlite_sequence'") ?? false
        return try parentsFirst(parents).map { name in
            let info = try Row.fetchAll(db, sql: "PRAGMA table_info(\(name.quotedDatabaseIdentifier))")
            let columns = info.map { $0["name"] as String }
            let key = info.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(name.quotedDatabaseIdentifier)") ?? 0
            let lastIssued = sequences ? try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [name]) : nil
            return StoreTable(name: name, columns: columns, primaryKey: key, rowCount: count, lastIssuedId: lastIssued)
        }
    }

    /// The tables ordered so that each comes after every table it refers to; among those ready
    /// at the same time, by name. A cycle cannot be ordered and is an error naming its tables.
    static func parentsFirst(_ parents: [String: Set<String>]) throws(StoreError) -> [String] {
        var waiting = parents
        var ordered: [String] = []
        while !waiting.isEmpty {
            let ready = waiting.filter { $0.value.isEmpty }.keys.sorted()
            guard let next = ready.first else {
                throw StoreError(.database, "tables \(waiting.keys.sorted().joined(separator: ", ")) refer to each other in a cycle; they cannot be copied in order")
            }
            ordered.append(next)
            waiting[next] = nil
            for name in waiting.keys { waiting[name]?.remove(next) }
        }
        return ordered
    }

    /// Hands `table`'s rows to `sink`, a batch at a time.
    private static func stream(_ table: StoreTable, batchSize: Int, db: Database, into sink: any StoreTableSink) throws {
        let columns = table.columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        let order = table.primaryKey.isEmpty ? "rowid" : table.primaryKey.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \(table.name.quotedDatabaseIdentifier) ORDER BY \(order)")
        var batch: [[StoreValue]] = []
        batch.reserveCapacity(min(batchSize, table.rowCount))
        var bytes = 0
        while let row = try cursor.next() {
            var values: [StoreValue] = []
            values.reserveCapacity(table.columns.count)
            for value in row.databaseValues {
                let converted = StoreValue(value)
                bytes += converted.size
                values.append(converted)
            }
            batch.append(values)
            if batch.count >= batchSize || bytes >= tableBatchBytes {
                try sink.insert(batch, into: table)
                batch.removeAll(keepingCapacity: true)
                bytes = 0
            }
        }
        if !batch.isEmpty { try sink.insert(batch, into: table) }
    }
}

extension StoreValue {
    /// SQLite's value as it is stored.
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob(Array(data))
        }
    }
}

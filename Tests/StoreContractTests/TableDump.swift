import Foundation
import GRDB
import PostgresNIO

/// Every row of a table as text, read from SQLite (GRDB, on its own connection) and from
/// PostgreSQL (plain SQL), normalized so that the same data reads the same: dates as UTC text to
/// the millisecond, flags as 0 or 1, bytes in hex, JSON re-serialized with sorted keys. Rows are
/// sorted, so neither database's order matters.
enum TableDump {
    /// A table's rows, each a value per column (nil for NULL).
    typealias Rows = [[String?]]

    /// A PostgreSQL column: its name and `data_type`.
    struct Column: Sendable {
        let name: String
        let type: String
    }

    /// The PostgreSQL database's tables (not `relais_migrations`) and their columns, in order.
    static func postgresTables(_ connection: PostgresConnection) async throws -> [String: [Column]] {
        let rows = try await connection.query(
            """
            SELECT c.table_name::text, c.column_name::text, c.data_type::text
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name::text <> 'relais_migrations'
            ORDER BY c.table_name, c.ordinal_position
            """, logger: quietLogger)
        var tables: [String: [Column]] = [:]
        for try await (table, column, type) in rows.decode((String, String, String).self) {
            tables[table, default: []].append(Column(name: column, type: type))
        }
        return tables
    }

    /// The rows of `table` in PostgreSQL.
    static func postgres(_ connection: PostgresConnection, table: String, columns: [Column]) async throws -> Rows {
        let expressions = columns.map { column -> String in
            let name = "\"\(column.name)\""
            switch column.type {
            case "timestamp with time zone": return "to_char(\(name) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS')"
            case "boolean": return "CASE WHEN \(name) THEN '1' WHEN NOT \(name) THEN '0' END"
            case "bytea": return "encode(\(name), 'hex')"
            default: return "\(name)::text"
            }
        }
        // One JSON array of texts per row: any number of columns, NULL as null.
        let sql = "SELECT json_build_array(\(expressions.joined(separator: ", ")))::text FROM \"\(table)\""
        var rows: Rows = []
        for try await text in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: quietLogger).decode(String.self) {
            let values = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] ?? []
            rows.append(zip(values, columns).map { value, column in
                let text = value as? String
                return column.type.hasPrefix("json") ? normalizedJSON(text) : text
            })
        }
        return sorted(rows)
    }

    /// The rows of `table` in the SQLite file at `path`, read with `columns`' PostgreSQL types in mind.
    static func sqlite(path: String, table: String, columns: [Column]) throws -> Rows {
        var configuration = Configuration()
        configuration.readonly = true
        let database = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? database.close() }
        let sql = "SELECT " + columns.map { "\"\($0.name)\"" }.joined(separator: ", ") + " FROM \"\(table)\""
        let rows = try database.read { db in try Row.fetchAll(db, sql: sql) }
        return sorted(rows.map { row in
            zip(row.databaseValues, columns).map { value, column -> String? in
                let text: String? = switch value.storage {
                case .null: nil
                case .int64(let number): String(number)
                case .double(let number): String(number)
                case .string(let string): column.type == "bytea" ? hex(Array(string.utf8)) : string
                case .blob(let data): hex(Array(data))
                }
                return column.type.hasPrefix("json") ? normalizedJSON(text) : text
            }
        })
    }

    /// The row count of every table in the SQLite file at `path` (not GRDB's nor SQLite's own).
    static func sqliteCounts(path: String) throws -> [String: Int] {
        var configuration = Configuration()
        configuration.readonly = true
        let database = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? database.close() }
        return try database.read { db in
            var counts: [String: Int] = [:]
            for name in try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'")
            {
                counts[name] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(name)\"") ?? 0
            }
            return counts
        }
    }

    /// The row count of every table of the PostgreSQL database (not `relais_migrations`).
    static func postgresCounts(_ connection: PostgresConnection) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in try await postgresTables(connection).keys {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \"\(table)\""), logger: quietLogger)
            for try await count in rows.decode(Int64.self) { counts[table] = Int(count) }
        }
        return counts
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// JSON text parsed and written again with sorted keys (jsonb reorders keys and spaces).
    static func normalizedJSON(_ text: String?) -> String? {
        guard let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
        else { return text.map { "unparsable JSON: \($0)" } }
        return String(decoding: data, as: UTF8.self)
    }

    private static func sorted(_ rows: Rows) -> Rows {
        rows.sorted { left, right in
            for (a, b) in zip(left, right) where a != b {
                switch (a, b) {
                case (nil, _): return true
                case (_, nil): return false
                case (let a?, let b?): return a < b
                }
            }
            return left.count < right.count
        }
    }
}

import Foundation
import GRDB

/// What is at a database path, found without writing to it: nothing yet, a Relais database,
/// or something Relais must leave alone.
public enum DatabaseFileCheck: Sendable, Equatable {
    /// No file, or an empty one: Relais creates its database there.
    case absent
    /// A Relais database (marked by its `application_id`, or by Relais's migrations table).
    case relais
    /// Something else: a directory, a file that is not SQLite, another program's database.
    /// `reason` completes "expected a Relais database file (…)".
    case foreign(reason: String)
    /// The file (or its folder) cannot be opened or written by this user.
    case noPermission(reason: String)

    /// `PRAGMA application_id` of every Relais database: "RELS".
    public static let applicationID: Int32 = 0x5245_4C53

    /// Looks at `path` without changing it: its SQLite header, and, only when the header
    /// carries no application id, its table names through a read-only connection.
    public static func inspect(path: String) -> DatabaseFileCheck {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == EACCES { return .noPermission(reason: "its folder cannot be read by this user") }
            return .absent
        }
        if (status.st_mode & S_IFMT) == S_IFDIR { return .foreign(reason: "it is a directory") }
        if (status.st_mode & S_IFMT) != S_IFREG { return .foreign(reason: "it is not a regular file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .noPermission(reason: "this user cannot read it")
        }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        try? handle.close()
        if header.isEmpty { return .absent }
        guard header.count == 100, header.prefix(16) == Data("SQLite format 3\0".utf8) else {
            return .foreign(reason: "it is not an SQLite database")
        }
        let id = header[68..<72].reduce(Int32(0)) { $0 << 8 | Int32($1) }
        if id == applicationID { return .relais }
        if id != 0 { return .foreign(reason: String(format: "it is another program's SQLite database, application_id 0x%08X", id)) }
        return tables(path: path)
    }

    /// A database without an application id: Relais's if it has Relais's first migration, new if it has no table.
    private static func tables(path: String) -> DatabaseFileCheck {
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let tables = try queue.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            }
            if tables.isEmpty { return .absent }
            if tables.contains("grdb_migrations") {
                let applied = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
                if applied.contains(StoreMigrations.first) { return .relais }
            }
            let shown = tables.prefix(3).joined(separator: ", ") + (tables.count > 3 ? "…" : "")
            return .foreign(reason: "it is another program's SQLite database, with tables \(shown)")
        } catch {
            return .foreign(reason: "it cannot be read as an SQLite database: \(RelaisStore.describe(error))")
        }
    }
}

import Foundation
import GRDB
import StoreModel

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

    /// Looks at `path` without changing it: its `application_id`, and, only when it has none,
    /// its table names, read through a read-only SQLite connection.
    ///
    /// Never through a file descriptor of its own: closing any descriptor of a database file
    /// drops every POSIX lock this process holds on it (fcntl(2)), and the daemon calls this on
    /// reload while its own connections are open, so a raw read would let writers corrupt the
    /// file. SQLite's own connections share their locks and defer such closes.
    public static func inspect(path: String) -> DatabaseFileCheck {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == EACCES { return .noPermission(reason: "its folder cannot be read by this user") }
            return .absent
        }
        if (status.st_mode & S_IFMT) == S_IFDIR { return .foreign(reason: "it is a directory") }
        if (status.st_mode & S_IFMT) != S_IFREG { return .foreign(reason: "it is not a regular file") }
        if status.st_size == 0 { return .absent }
        guard access(path, R_OK) == 0 else { return .noPermission(reason: "this user cannot read it") }
        var configuration = Configuration()
        configuration.readonly = true
        let id: Int32
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            id = try queue.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") } ?? 0
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            return .foreign(reason: "it is not an SQLite database")
        } catch {
            // A WAL database needs its -shm file even to be read: a user who may not write
            // there cannot open it at all.
            if access(path, W_OK) != 0 { return .noPermission(reason: "this user cannot write it") }
            return .foreign(reason: "it cannot be read as an SQLite database: \(RelaisStore.describe(error))")
        }
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

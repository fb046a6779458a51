import Foundation
import GRDB
import StoreModel

/// The Relais database: one SQLite file in WAL mode, shared by `relaisd` and `relaisctl`.
///
/// Opening creates the file (mode 0660, so the `relais` group can write it) and applies the
/// named migrations; a file written by a newer Relais is refused. Every operation is a
/// transaction: nothing is ever half-written.
public final class RelaisStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// How long a writer waits for another process's write transaction before giving up.
    public static let busyTimeout: TimeInterval = 10

    /// Opens (and if needed creates and migrates) the database at `path`.
    ///
    /// With `syncEveryCommit` false (the daemon), commits are durable against a crash of the
    /// process but not of the machine (`PRAGMA synchronous = NORMAL` in WAL mode): what a
    /// power loss can undo is the daemon's own bookkeeping (a claim, a "sent" record), which
    /// at worst sends a message again; never a row that `relaisctl` committed.
    public init(path: String, syncEveryCommit: Bool = true) throws(StoreError) {
        self.path = path
        try Self.refuseForeign(path: path)
        try Self.createIfMissing(path: path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "relais"
        let synchronous = syncEveryCommit ? "FULL" : "NORMAL"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        if !syncEveryCommit {
            // The long-running daemon reads little at a time: two readers with small page
            // caches keep its memory low (SQLite's default is 2 MB of cache per connection).
            configuration.maximumReaderCount = 2
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -512") }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(.cannotOpen, "cannot open database \(path): \(Self.describe(error))")
        }
        try migrate()
    }

    /// The names of the migrations this program knows, oldest first.
    public static var knownMigrations: [String] { StoreMigrations.migrator.migrations }

    /// The names of the migrations applied to this file.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read { db in try StoreMigrations.migrator.appliedMigrations(db) }
    }

    private func migrate() throws(StoreError) {
        let migrator = StoreMigrations.migrator
        let superseded = try read { db in try migrator.hasBeenSuperseded(db) }
        if superseded {
            let unknown = (try? read { db in try migrator.appliedIdentifiers(db) })
                .map { $0.subtracting(migrator.migrations).sorted().joined(separator: ", ") } ?? "?"
            throw StoreError(
                .newerSchema,
                "database \(path) was written by a newer Relais (unknown migrations: \(unknown)); upgrade relais or restore a backup"
            )
        }
        do {
            try migrator.migrate(pool)
        } catch {
            throw StoreError(.database, "cannot migrate database \(path): \(Self.describe(error))")
        }
    }

    /// Refuses, before anything is written, a path that holds something other than a Relais
    /// database, or one this user may not write (SQLite would need to write it and its folder).
    private static func refuseForeign(path: String) throws(StoreError) {
        switch DatabaseFileCheck.inspect(path: path) {
        case .absent, .relais:
            break
        case .foreign(let reason):
            throw StoreError(.notRelais, "database \(path) is not a Relais database (\(reason)); it was left untouched: check store.path")
        case .noPermission(let reason):
            throw StoreError(.permissionDenied, "cannot open database \(path): \(reason) (permission denied)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        if FileManager.default.fileExists(atPath: path) {
            if access(path, R_OK | W_OK) != 0 && errno == EACCES {
                throw StoreError(.permissionDenied, "cannot write database \(path): permission denied (the relais group needs read and write access)")
            }
            if access(folder, W_OK | X_OK) != 0 && errno == EACCES {
                throw StoreError(.permissionDenied, "cannot write in \(folder), the folder of database \(path): permission denied (SQLite keeps its -wal and -shm files there)")
            }
        } else if FileManager.default.fileExists(atPath: folder), access(folder, W_OK | X_OK) != 0, errno == EACCES {
            throw StoreError(.permissionDenied, "cannot create database \(path): permission denied on \(folder)")
        }
    }

    /// Creates the database file with mode 0660 before SQLite opens it, so its mode does not
    /// depend on the caller's umask.
    private static func createIfMissing(path: String) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw StoreError(.cannotOpen, "cannot create database \(path): directory \(directory) does not exist")
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o660)
        if fd >= 0 {
            fchmod(fd, 0o660)
            close(fd)
        } else if errno != EEXIST {
            throw StoreError(.cannotOpen, "cannot create database \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Runs `body` in a read transaction, mapping SQLite errors to `StoreError`. Inside
    /// ``inOneTransaction(_:)`` it reads in that transaction (and sees its changes).
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            if let current = OpenTransaction.current, current.store === self { return try body(current.db) }
            return try pool.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "database \(path): \(Self.describe(error))")
        }
    }

    /// Runs `body` in one write transaction, mapping SQLite errors to `StoreError`. Inside
    /// ``inOneTransaction(_:)`` it is part of that transaction.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            if let current = OpenTransaction.current, current.store === self { return try body(current.db) }
            return try pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "database \(path): \(Self.describe(error))")
        }
    }

    /// Runs `body` (synchronous calls of this store's methods, and any work between them) as
    /// ONE write transaction: every ``read(_:)`` and ``write(_:)`` it makes on this thread joins
    /// it, and an error anywhere rolls all of it back. `event cancel` uses it so that a change
    /// and the notices telling it are written together or not at all.
    public func inOneTransaction<T>(_ body: () throws -> T) throws -> T {
        if let current = OpenTransaction.current, current.store === self { return try body() }
        var failure: (any Error)?
        do {
            return try write { db in
                do {
                    return try OpenTransaction.$current.withValue(OpenTransaction(store: self, db: db)) { try body() }
                } catch {
                    // Rolled back; the caller gets the error as it was (not as a database error).
                    failure = error
                    throw error
                }
            }
        } catch {
            throw failure ?? error
        }
    }

    /// SQLite's own message, without GRDB's SQL echo (which may contain data).
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "\(error.resultCode)"
        }
        return "\(error)"
    }
}

extension RelaisStore: QueueStore {}

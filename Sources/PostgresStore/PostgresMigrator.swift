import Logging
import PostgresNIO

/// Brings a PostgreSQL database to the schema this program knows, safely when several relaisd
/// start at once.
///
/// Everything happens in one transaction that first takes `pg_advisory_xact_lock(lockKey)`:
/// a second migrator waits for the first to commit, then finds its migrations applied and does
/// nothing. Applied migrations are recorded in `relais_migrations(name, applied_at)`. A database
/// holding a migration name this program does not know was migrated by a newer Relais: it is
/// refused (``PostgresStoreError/Kind/schemaTooNew``) before anything is changed.
public struct PostgresMigrator: Sendable {
    /// The advisory lock key every Relais migrator takes: "RELSMIGR" in ASCII.
    public static let lockKey: Int64 = 0x5245_4C53_4D49_4752

    /// The migrations, in the order they are applied.
    public let migrations: [PostgresMigration]

    /// A migrator for `migrations` (by default the Relais schema); the names must be unique.
    public init(migrations: [PostgresMigration] = PostgresSchema.migrations) {
        precondition(Set(migrations.map(\.name)).count == migrations.count, "migration names must be unique")
        self.migrations = migrations
    }

    /// Applies the migrations `connection`'s database lacks, in one transaction under the
    /// advisory lock; returns the names applied now (empty when it was up to date).
    @discardableResult
    public func migrate(_ connection: PostgresConnection, logger: Logger) async throws(PostgresStoreError) -> [String] {
        do {
            return try await connection.withTransaction(logger: logger) { connection in
                try await migrate(inTransaction: connection, logger: logger)
            }
        } catch let error as PostgresTransactionError {
            throw Self.unwrap(error)
        } catch {
            throw PostgresStoreError(.migration, "cannot migrate the database: \(Self.serverMessage(error))")
        }
    }

    /// Applies the migrations `connection`'s database lacks inside the transaction the caller
    /// has open on it, taking the advisory lock until that transaction ends: what
    /// ``PostgresImporter`` does, so that a copy that fails leaves the database as it found it,
    /// unmigrated too. Returns the names applied now.
    @discardableResult
    public func migrate(inTransaction connection: PostgresConnection, logger: Logger) async throws(PostgresStoreError) -> [String] {
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS relais_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())",
                logger: logger)
            let applied = try await Self.appliedNames(connection, logger: logger)
            try Self.refuseUnknown(applied, known: migrations)
            var done: [String] = []
            for migration in migrations where !applied.contains(migration.name) {
                for statement in migration.statements {
                    do {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    } catch {
                        throw PostgresStoreError(
                            .migration, "migration \(migration.name) failed, nothing was changed: \(Self.serverMessage(error))")
                    }
                }
                try await connection.query("INSERT INTO relais_migrations (name) VALUES (\(migration.name))", logger: logger)
                logger.info("applied store migration", metadata: ["relais.store.migration": "\(migration.name)"])
                done.append(migration.name)
            }
            return done
        } catch let error as PostgresStoreError {
            throw error
        } catch {
            throw PostgresStoreError(.migration, "cannot migrate the database: \(Self.serverMessage(error))")
        }
    }

    /// The names recorded in `relais_migrations`, in the order they were applied; empty when
    /// the table does not exist yet (a new database).
    public func appliedMigrations(_ connection: PostgresConnection, logger: Logger) async throws(PostgresStoreError) -> [String] {
        do {
            let rows = try await connection.query("SELECT to_regclass('relais_migrations') IS NOT NULL", logger: logger)
            var exists = false
            for try await value in rows.decode(Bool.self) { exists = value }
            guard exists else { return [] }
            return try await Self.appliedNames(connection, logger: logger)
        } catch {
            throw PostgresStoreError(.query, "cannot read relais_migrations: \(Self.serverMessage(error))")
        }
    }

    /// True when every migration this program knows is applied and no unknown one is.
    public func isUpToDate(_ connection: PostgresConnection, logger: Logger) async throws(PostgresStoreError) -> Bool {
        let applied = try await appliedMigrations(connection, logger: logger)
        return Set(applied) == Set(migrations.map(\.name))
    }

    private static func appliedNames(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        var names: [String] = []
        let rows = try await connection.query("SELECT name FROM relais_migrations ORDER BY applied_at, name", logger: logger)
        for try await name in rows.decode(String.self) { names.append(name) }
        return names
    }

    private static func refuseUnknown(_ applied: [String], known: [PostgresMigration]) throws(PostgresStoreError) {
        let knownNames = Set(known.map(\.name))
        let unknown = applied.filter { !knownNames.contains($0) }
        guard unknown.isEmpty else {
            throw PostgresStoreError(
                .schemaTooNew,
                "the database was migrated by a newer Relais (it has \(unknown.joined(separator: ", ")), which this program does not know); upgrade Relais, or point store.url at another database")
        }
    }

    /// The error the transaction's closure threw, as a ``PostgresStoreError``.
    private static func unwrap(_ error: PostgresTransactionError) -> PostgresStoreError {
        if let inner = error.closureError as? PostgresStoreError { return inner }
        let cause = error.closureError ?? error.beginError ?? error.commitError
        return PostgresStoreError(.migration, "cannot migrate the database: \(cause.map(serverMessage) ?? "the transaction failed")")
    }

    /// The server's message for a failed statement (`relation "x" already exists (42P07)`), else the error.
    static func serverMessage(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return message + (error.serverInfo?[.sqlState].map { " (\($0))" } ?? "")
            }
            return "\(error.code)"
        }
        return PostgresConnector.shortDescription(error)
    }
}

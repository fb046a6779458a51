import Logging
import PostgresNIO
import StoreModel

/// Copies a store's tables into an empty PostgreSQL database: what `relaisctl store copy` does
/// to move an installation from SQLite to PostgreSQL.
///
/// Everything happens on one connection, in ONE transaction:
/// 1. the target is migrated (``PostgresMigrator/migrate(inTransaction:logger:)``) and its
///    tables are locked against writers (`EXCLUSIVE`: readers go on);
/// 2. a target whose tables hold any row, `heartbeat` included (a daemon ran there), is refused
///    (``PostgresStoreError/Kind/notEmpty``), naming them;
/// 3. the source's tables and columns must be the target's, both ways, ``StoreTable/notCopied``
///    left out on both sides; else ``PostgresStoreError/Kind/mismatch``, before any row is sent;
/// 4. the rows go in batch by batch with `OVERRIDING SYSTEM VALUE`, so ids are kept (queue rows
///    refer to members, their `source` names announcements and events), each value converted by
///    its target column's type (``PostgresColumnType``); a batch the server refuses is rolled
///    back to its savepoint and replayed a row at a time, so the error names the row;
/// 5. every identity sequence is set past its table's highest id, and past the last id the
///    source handed out (``StoreTable/lastIssuedId``): no id is ever given twice;
/// 6. each table's rows are counted again and must be the source's count;
/// 7. it commits. Any failure rolls everything back, the migration included, and is one line
///    naming the table (and the row, where there is one), never the password.
///
/// ``copy(from:batchSize:progress:)`` blocks the calling thread while it waits for the server:
/// call it from a thread of your own, never from Swift's cooperative pool.
public struct PostgresImporter: Sendable {
    /// The target.
    public let connector: PostgresConnector
    let logger: Logger

    /// An importer into `connector`'s database, logging to `logger`.
    public init(connector: PostgresConnector, logger: Logger) {
        self.connector = connector
        self.logger = logger
    }

    /// Copies every table of `source` into the target, `batchSize` rows per statement at most,
    /// calling `progress` after each batch. Throws a ``PostgresStoreError`` about the target,
    /// or what `source` throws about itself; either way the target is left as it was.
    public func copy(
        from source: any StoreTableSource, batchSize: Int = 1000,
        progress: (@Sendable (PostgresImportProgress) -> Void)? = nil
    ) throws -> PostgresImportReport {
        let session = try PostgresImportSession.open(connector: connector, source: source.sourceName, logger: logger, progress: progress)
        defer { session.close() }
        do {
            try session.begin()
            try source.readTables(batchSize: batchSize, into: session)
            return try session.commit()
        } catch {
            session.rollback()
            throw error
        }
    }
}

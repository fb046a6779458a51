/// A store whose tables a copy can read: every table of its schema, in one consistent snapshot.
///
/// The SQLite store is one (`RelaisStore`); the PostgreSQL importer is the sink it feeds.
/// Neither end knows the other's database: what passes between them is ``StoreTable`` and
/// ``StoreValue``.
public protocol StoreTableSource {
    /// Where the rows come from, for messages (the database file).
    var sourceName: String { get }

    /// Reads every table but ``StoreTable/notCopied`` in ONE read transaction, parents before
    /// the tables whose foreign keys refer to them: first hands `sink` every table with its row
    /// count (``StoreTableSink/prepare(_:)``), then each table's rows in key order, at most
    /// `batchSize` at a time (fewer when they are large). Errors the sink throws are rethrown
    /// as they are.
    func readTables(batchSize: Int, into sink: any StoreTableSink) throws
}

/// How far a store copy is, for a progress line: handed over after each batch.
public struct PostgresImportProgress: Sendable, Hashable {
    /// The table being copied.
    public let table: String
    /// Its rows copied so far.
    public let rows: Int
    /// Its rows in all.
    public let total: Int
}

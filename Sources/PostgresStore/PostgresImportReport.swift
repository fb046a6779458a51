/// What a store copy did: how many rows each table received, in copy order, and where.
public struct PostgresImportReport: Sendable, Hashable {
    /// One table's rows.
    public struct Count: Sendable, Hashable {
        /// The table's name.
        public let table: String
        /// The rows copied into it (the source's count, verified in the target).
        public let rows: Int
    }

    /// The target, without its password (`postgres://relais@db.example.org:5432/relais?sslmode=verify-full`).
    public let target: String
    /// The tables copied, parents first.
    public let counts: [Count]
    /// The tables left out (``StoreTable/notCopied``: daemon state), by name.
    public let skipped: [String]
    /// The migrations applied to the target first (empty when it was migrated already).
    public let migrated: [String]

    /// The rows copied into `table`; nil when it was not copied.
    public func rows(of table: String) -> Int? {
        counts.first { $0.table == table }?.rows
    }
}

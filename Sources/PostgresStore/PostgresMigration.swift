/// One named, frozen step of the PostgreSQL schema: its statements run in order, in the
/// migrator's transaction, and its name is recorded in `relais_migrations`.
///
/// Like the SQLite migrations, a migration is never edited once it has shipped; a change is a
/// new migration appended to ``PostgresSchema/migrations``.
public struct PostgresMigration: Sendable, Hashable {
    /// The name recorded in `relais_migrations` (`v1-initial`).
    public let name: String
    /// The SQL statements, one per element (PostgreSQL's extended protocol runs one at a time).
    public let statements: [String]

    /// A migration named `name` made of `statements`.
    public init(_ name: String, _ statements: [String]) {
        self.name = name
        self.statements = statements
    }
}

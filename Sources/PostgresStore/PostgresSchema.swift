/// The Relais schema on PostgreSQL: the named migrations ``PostgresMigrator`` applies.
///
/// `v1-initial` is the SQLite schema at its latest migration (`v10-suppression`), translated:
/// the same tables, columns (camelCase, so quoted) and meanings, with PostgreSQL's types —
/// `bigint generated always as identity` ids, `timestamptz` for dates, `boolean`, `bytea` for
/// SQLite's blobs (payloads, message bytes, secrets), `jsonb` for its JSON text columns — and
/// the same CHECK constraints, foreign keys and indexes. Two things differ because several
/// relaisd share one database:
///
/// - `heartbeat` has one row per daemon instance (`instanceId`, with its host and pid) instead
///   of SQLite's single row `id = 1`.
/// - `COLLATE NOCASE` (ASCII case folding) has no PostgreSQL collation: `member.email` and
///   `list.name` are unique on `lower(…)` instead, and queries compare `lower(…)`.
///
/// SQLite's `PRAGMA application_id` has no equivalent; `relais_migrations` marks the database.
public enum PostgresSchema {
    /// Every migration, in order. Append only: a shipped migration is never edited.
    public static let migrations: [PostgresMigration] = [initial, sendLimits]

    /// The name of the first migration.
    public static let first = "v1-initial"
}

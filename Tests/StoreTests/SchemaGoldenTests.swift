import Foundation
import GRDB
import RelaisTestSupport
@testable import Store
import Testing

/// Shipped migrations are never edited: the schema after each one is kept in
/// Tests/StoreTests/Schema/<migration>.sql, and this test fails when a migration no longer
/// produces it. A new migration gets its file written by running the suite once with
/// `RELAIS_WRITE_SCHEMA=1` (and the file is committed with it).
@Suite struct SchemaGoldenTests {
    /// The schema of `queue` after the migrations up to `migration`: every table, index and
    /// trigger's SQL, by name (GRDB's bookkeeping left out).
    static func schema(upTo migration: String) throws -> String {
        let database = try DatabaseQueue()
        try StoreMigrations.migrator.migrate(database, upTo: migration)
        return try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT type, name, sql FROM sqlite_master
                WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
                ORDER BY type, name
                """)
            .map { "-- \($0["type"] as String) \($0["name"] as String)\n\($0["sql"] as String);\n" }
            .joined(separator: "\n")
        }
    }

    @Test(arguments: RelaisStore.knownMigrations)
    func migrationStillProducesItsShippedSchema(_ migration: String) throws {
        let path = Repository.path("Tests/StoreTests/Schema/\(migration).sql")
        let actual = try Self.schema(upTo: migration)
        if ProcessInfo.processInfo.environment["RELAIS_WRITE_SCHEMA"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
        }
        guard let shipped = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("no shipped schema for migration \(migration): run the tests once with RELAIS_WRITE_SCHEMA=1 and commit \(path)")
            return
        }
        #expect(actual == shipped, "migration \(migration) no longer produces its shipped schema: a shipped migration was edited (add a new one instead)")
    }
}

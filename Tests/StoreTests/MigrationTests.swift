import Foundation
import GRDB
import RelaisTestSupport
@testable import Store
import Testing

@Suite struct MigrationTests {
    @Test func createsFileWithMode0660AndAllMigrations() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("relais.sqlite")
        // The process umask (022 in the usual case) would give 0644 without the store's own
        // fchmod; a stricter umask is checked end to end (CLIBasicsTests), never changed here:
        // it is process-wide and the suite runs in parallel.
        let store = try RelaisStore(path: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o660)
        #expect(try store.appliedMigrations() == RelaisStore.knownMigrations)
        let journal = try store.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
        let foreignKeys = try store.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == true)
    }

    @Test func reopeningAnExistingFileKeepsItsData() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("relais.sqlite")
        do {
            let store = try RelaisStore(path: path)
            _ = try store.upsertMembers([MemberInput(email: "ana@example.es", name: "Ana", locale: "es", lists: ["a"])])
        }
        let reopened = try RelaisStore(path: path)
        #expect(try reopened.member(email: "ana@example.es")?.lists == ["a"])
        #expect(try reopened.appliedMigrations() == RelaisStore.knownMigrations)
    }

    @Test func migratesAnEmptyExistingFile() throws {
        // An administrator may create the file beforehand (to set its owner); it must be migrated, not refused.
        let directory = TemporaryDirectory()
        let path = directory.file("relais.sqlite")
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let store = try RelaisStore(path: path)
        #expect(try store.appliedMigrations() == RelaisStore.knownMigrations)
        let tables = try store.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        #expect(Set(tables).isSuperset(of: ["member", "list", "membership", "queue", "attempt", "heartbeat"]))
    }

    @Test func refusesADatabaseFromANewerRelais() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("relais.sqlite")
        _ = try RelaisStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        let error = #expect(throws: StoreError.self) { try RelaisStore(path: path) }
        #expect(error?.kind == .newerSchema)
        #expect(error?.description.contains("v99-from-the-future") == true)
        #expect(error?.description.contains("newer Relais") == true)
    }

    @Test func aRelaisDatabaseFromBeforeTheApplicationIDIsRecognisedAndMarked() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("relais.sqlite")
        do {
            let store = try RelaisStore(path: path)
            _ = try store.upsertMembers([MemberInput(email: "ana@example.es", name: "Ana", locale: "es", lists: ["a"])])
        }
        // As a database written before v6-application-id was shipped.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "PRAGMA application_id = 0")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v6-application-id'")
        }
        try queue.close()
        #expect(DatabaseFileCheck.inspect(path: path) == .relais)
        let reopened = try RelaisStore(path: path)
        #expect(try reopened.member(email: "ana@example.es") != nil)
        #expect(try reopened.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") } == DatabaseFileCheck.applicationID)
    }

    @Test func anotherProgramsDatabaseIsRefusedUntouched() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("other.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('x')") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try RelaisStore(path: path) }
        #expect(error?.kind == .notRelais)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let text = directory.write("notes.txt", String(repeating: "not a database\n", count: 20))
        #expect(DatabaseFileCheck.inspect(path: text) == .foreign(reason: "it is not an SQLite database"))
    }

    @Test func missingDirectoryIsAClearError() {
        let error = #expect(throws: StoreError.self) { try RelaisStore(path: "/nonexistent-relais-dir/relais.sqlite") }
        #expect(error?.kind == .cannotOpen)
        #expect(error?.description.contains("/nonexistent-relais-dir") == true)
    }
}

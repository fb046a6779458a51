import Foundation
import GRDB
import RelaisTestSupport
import Store
import Testing

/// `RelaisStore.readTables`: every table but the heartbeat, parents first, in bounded batches,
/// from one snapshot however the database changes meanwhile.
@Suite struct TableReadTests {
    let directory = TemporaryDirectory()

    /// A sink that keeps what it is handed, and can run something after its first batch.
    final class Recorder: StoreTableSink {
        var tables: [StoreTable] = []
        var batches: [(table: String, rows: Int)] = []
        var rows: [String: [[StoreValue]]] = [:]
        var afterFirstBatch: (() throws -> Void)?

        func prepare(_ tables: [StoreTable]) throws {
            self.tables = tables
        }

        func insert(_ rows: [[StoreValue]], into table: StoreTable) throws {
            batches.append((table.name, rows.count))
            self.rows[table.name, default: []] += rows
            if let afterFirstBatch {
                self.afterFirstBatch = nil
                try afterFirstBatch()
            }
        }
    }

    func store(members: Int) throws -> RelaisStore {
        let store = try RelaisStore(path: directory.file("relais.sqlite"))
        _ = try store.upsertMembers((0..<members).map { MemberInput(email: "m\($0)@example.org", name: "M\($0)", locale: "fr", lists: ["a"]) })
        try store.beat(Heartbeat(instanceId: "relaisd-test", host: "test", pid: 1, version: "test", startedAt: Date(), beatAt: Date(), activity: "idle", throttledUntil: nil))
        return store
    }

    @Test func everyTableButTheHeartbeatComesAfterTheTablesItRefersTo() throws {
        let store = try store(members: 3)
        let recorder = Recorder()
        try store.readTables(batchSize: 10, into: recorder)
        let names = recorder.tables.map(\.name)
        let database = try DatabaseQueue(path: store.path)
        defer { try? database.close() }
        let all = try database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        }
        #expect(Set(names) == Set(all).subtracting(["grdb_migrations", "heartbeat"]))
        #expect(names.count == Set(names).count)
        for (index, name) in names.enumerated() {
            let parents = try database.read { db in
                try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(name.quotedDatabaseIdentifier))").map { $0["table"] as String }
            }
            for parent in parents where parent != name {
                #expect((names.firstIndex(of: parent) ?? .max) < index, "\(name) comes before \(parent), which it refers to")
            }
        }
        let member = try #require(recorder.tables.first { $0.name == "member" })
        #expect(member.primaryKey == ["id"] && member.columns.first == "id" && member.rowCount == 3)
        #expect(recorder.tables.first { $0.name == "membership" }?.primaryKey == ["memberId", "listId"])
        #expect(recorder.rows["member"]?.map { $0[0] } == [.integer(1), .integer(2), .integer(3)])
    }

    @Test func rowsComeInBatchesFromOneSnapshotWhileTheDatabaseChanges() throws {
        let store = try store(members: 25)
        let recorder = Recorder()
        // A member added by another connection after the first batch (as relaisd would write):
        // not in this read, whose counts and rows are one snapshot.
        recorder.afterFirstBatch = {
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var failure: (any Error)?
            Thread {
                do {
                    _ = try store.upsertMembers([MemberInput(email: "late@example.org", name: "Late", locale: "fr", lists: ["a"])])
                } catch {
                    failure = error
                }
                done.signal()
            }.start()
            done.wait()
            if let failure { throw failure }
        }
        try store.readTables(batchSize: 10, into: recorder)
        #expect(recorder.batches.filter { $0.table == "member" }.map(\.rows) == [10, 10, 5])
        #expect(recorder.rows["member"]?.count == 25 && recorder.rows["membership"]?.count == 25)
        #expect(recorder.tables.first { $0.name == "member" }?.rowCount == 25)
        #expect(try store.member(email: "late@example.org") != nil)
        #expect(recorder.batches.allSatisfy { $0.rows > 0 && $0.rows <= 10 })
        #expect(recorder.batches.contains { $0.table == "storeSecret" } == false, "an empty table has no batch")
    }

    @Test func largeRowsAreHandedOverBeforeTheBatchIsFull() throws {
        let store = try store(members: 5)
        let database = try DatabaseQueue(path: store.path)
        try database.write { db in
            // Five announcements of 3 MB each: three fill a batch's 8 MB.
            for index in 1...5 {
                try db.execute(
                    sql: "INSERT INTO announcement (template, lists, data, dueAt, state, createdAt) VALUES ('newsletter', '[]', zeroblob(3000000), ?, 'cancelled', ?)",
                    arguments: ["2026-01-0\(index) 10:00:00.000", "2026-01-01 10:00:00.000"])
            }
        }
        try database.close()
        let recorder = Recorder()
        try store.readTables(batchSize: 1000, into: recorder)
        #expect(recorder.batches.filter { $0.table == "announcement" }.map(\.rows) == [3, 2])
        #expect(recorder.rows["announcement"]?.allSatisfy { $0[3] == .blob([UInt8](repeating: 0, count: 3_000_000)) } == true)
    }
}

import Foundation
import GRDB
import Logging
import PostgresNIO
import PostgresStore
import RelaisTestSupport
import Store
import StoreModel
import Testing

/// `store copy`: a SQLite database into an empty PostgreSQL database, row for row, in one
/// transaction that leaves the target as it was on any failure.
@Suite("store copy", .postgresServer)
struct StoreCopyTests {
    /// A filled SQLite database and a fresh PostgreSQL database to copy it into.
    struct Setup {
        let directory = TemporaryDirectory("relais-copy")
        let store: RelaisStore
        let server: PostgresServer
        let database: String
        let connector: PostgresConnector

        var path: String { store.path }

        init(members: Int = 40, migrated: Bool = false) async throws {
            let path = directory.file("relais.sqlite")
            store = try RelaisStore(path: path)
            let store = store
            try await offPool { try StoreCopyFixture.fill(store, members: members) }
            server = try SharedPostgresServer.server
            database = try server.createDatabase()
            connector = try Self.connector(server, database)
            if migrated {
                try await withConnection { connection in try await PostgresMigrator().migrate(connection, logger: quietLogger) }
            }
        }

        static func connector(_ server: PostgresServer, _ database: String) throws -> PostgresConnector {
            try PostgresConnector(url: server.url(database: database), passwordFile: server.writePasswordFile(), environment: [:])
        }

        /// Copies the SQLite database into the PostgreSQL one, off the cooperative pool.
        @discardableResult
        func copy(from source: (any StoreTableSource)? = nil, batchSize: Int = 7, connector: PostgresConnector? = nil) async throws -> PostgresImportReport {
            let importer = PostgresImporter(connector: connector ?? self.connector, logger: quietLogger)
            nonisolated(unsafe) let source = source ?? store
            return try await offPool { try importer.copy(from: source, batchSize: batchSize) }
        }

        /// Runs `body` with a connection to the PostgreSQL database.
        @discardableResult
        func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
            try await connector.withConnection(logger: quietLogger, body)
        }

        /// Runs `sql` on the SQLite file through a connection of its own (what the store would never write).
        func sqlite(_ sql: String) throws {
            let database = try DatabaseQueue(path: path)
            try database.write { db in try db.execute(sql: sql) }
            try database.close()
        }

        /// The last id each SQLite table handed out (`sqlite_sequence`).
        func lastIssuedIds() throws -> [String: Int64] {
            let database = try DatabaseQueue(path: path)
            defer { try? database.close() }
            return try database.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, seq FROM sqlite_sequence").map { ($0["name"] as String, $0["seq"] as Int64) })
            }
        }

        /// The row counts of the PostgreSQL database; empty when it has no Relais table.
        func postgresCounts() async throws -> [String: Int] {
            try await withConnection { try await TableDump.postgresCounts($0) }
        }

        /// True when the PostgreSQL database has no `member` table (it was never migrated).
        func unmigrated() async throws -> Bool {
            try await withConnection { connection in
                let rows = try await connection.query("SELECT to_regclass('member') IS NULL AND to_regclass('relais_migrations') IS NULL", logger: quietLogger)
                for try await absent in rows.decode(Bool.self) { return absent }
                return false
            }
        }
    }

    @Test func everyRowOfEveryTableArrivesAsItWas() async throws {
        let setup = try await Setup()
        let report = try await setup.copy()
        let sqliteCounts = try TableDump.sqliteCounts(path: setup.path)
        #expect(report.skipped == StoreTable.notCopied.sorted() && sqliteCounts["heartbeat"] == 1)
        #expect(report.migrated == PostgresSchema.migrations.map(\.name))
        #expect(Dictionary(uniqueKeysWithValues: report.counts.map { ($0.table, $0.rows) }) == sqliteCounts.filter { $0.key != "heartbeat" })
        // Every table the fixture must fill holds rows, so none of them is compared empty.
        for table in ["member", "list", "membership", "event", "eventException", "announcement", "queue", "attempt", "plannerState",
                      "memberChange", "rsvp", "inboundMail", "suppression", "storeSecret"] {
            #expect((sqliteCounts[table] ?? 0) > 0, "the fixture left \(table) empty")
        }
        let states = try await offPool { try setup.store.queueCounts() }
        #expect(Set(states.keys).isSuperset(of: [.queued, .sending, .sent, .deferred, .failed, .held, .cancelled]), "\(states)")

        try await setup.withConnection { connection in
            let tables = try await TableDump.postgresTables(connection)
            // PostgreSQL's own daemon state (the shared sending limits) has no SQLite counterpart.
            #expect(Set(tables.keys).subtracting(StoreTable.notCopied) == Set(sqliteCounts.keys).subtracting(StoreTable.notCopied))
            for (table, columns) in tables.sorted(by: { $0.key < $1.key }) where !StoreTable.notCopied.contains(table) {
                let expected = try TableDump.sqlite(path: setup.path, table: table, columns: columns)
                let actual = try await TableDump.postgres(connection, table: table, columns: columns)
                #expect(actual.count == expected.count, "\(table)")
                for (index, (got, want)) in zip(actual, expected).enumerated() where got != want {
                    Issue.record("\(table) row \(index): \(got) != \(want)")
                    break
                }
            }
            #expect(try await TableDump.postgresCounts(connection)["heartbeat"] == 0)
        }
    }

    @Test func identitySequencesContinuePastTheCopiedIdsAndTheLastIdsSQLiteGave() async throws {
        let setup = try await Setup(members: 12)
        // The newest member leaves: SQLite never gives her id again, nor may PostgreSQL.
        #expect(try await offPool { try setup.store.removeMember(email: "member11@example.org") })
        let lastIssued = try setup.lastIssuedIds()
        try await setup.copy(batchSize: 1000)
        try await setup.withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT c.table_name::text, c.column_name::text FROM information_schema.columns c
                WHERE c.table_schema = current_schema() AND c.is_identity = 'YES'
                """, logger: quietLogger)
            var identities: [(String, String)] = []
            for try await pair in rows.decode((String, String).self) where !StoreTable.notCopied.contains(pair.0) {
                identities.append(pair)
            }
            #expect(identities.count == 8, "\(identities)")
            for (table, column) in identities {
                // The sequence's last value (without taking one): the next id is the one after it.
                let check = try await connection.query(
                    PostgresQuery(unsafeSQL: """
                        SELECT (SELECT coalesce(max("\(column)"), 0) FROM "\(table)"),
                               pg_sequence_last_value(pg_get_serial_sequence('"\(table)"', '\(column)')::regclass)
                        """), logger: quietLogger)
                for try await (highest, last) in check.decode((Int64, Int64?).self) {
                    #expect(last == max(highest, lastIssued[table] ?? 0), "\(table).\(column): last \(last ?? 0) for rows up to \(highest)")
                    if table == "member" { #expect(last == highest + 1, "the removed member's id would be given again") }
                }
            }
        }
        // The queue store of several daemons takes the copied queue over and adds to it.
        let client = PostgresClient(configuration: setup.connector.clientConfiguration, backgroundLogger: quietLogger)
        let running = Task { await client.run() }
        defer { running.cancel() }
        let queue = OffPoolQueue(store: PostgresRelaisStore(client: client, location: setup.connector.location, logger: quietLogger))
        let highest = try await queue.queueRows().map(\.id).max() ?? 0
        #expect(try await queue.enqueue([QueueContractTests().message("after-copy", due: StoreCopyFixture.t0)]) == 1)
        #expect(try await queue.queueRows().map(\.id).max() == highest + 1)
        let sqliteQueued = try await offPool { try setup.store.queueCounts()[.queued] ?? 0 }
        #expect(try await queue.queueCounts()[.queued] == sqliteQueued + 1)
    }

    @Test func aTargetHoldingRowsIsRefusedAndLeftAsItWas() async throws {
        let setup = try await Setup(members: 12)
        try await setup.copy()
        let before = try await setup.postgresCounts()
        let error = await #expect(throws: PostgresStoreError.self) { try await setup.copy() }
        #expect(error?.kind == .notEmpty)
        #expect(error?.message.hasPrefix("postgres://relais@127.0.0.1:\(setup.server.port)/\(setup.database)") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("is not empty (announcement has 2 rows, attempt has") == true, "\(error?.message ?? "")")
        #expect(error?.message.hasSuffix("; copy into an empty database") == true)
        #expect(try await setup.postgresCounts() == before)

        // One heartbeat is enough: a daemon ran there.
        let other = try setup.server.createDatabase()
        let connector = try Setup.connector(setup.server, other)
        try await connector.withConnection(logger: quietLogger) { connection in
            try await PostgresMigrator().migrate(connection, logger: quietLogger)
            try await connection.query(
                """
                INSERT INTO "heartbeat" ("instanceId", "host", "pid", "version", "startedAt", "beatAt", "activity")
                VALUES ('a', 'h', 1, 'v', now(), now(), 'idle')
                """, logger: quietLogger)
        }
        let refused = await #expect(throws: PostgresStoreError.self) { try await setup.copy(connector: connector) }
        #expect(refused?.kind == .notEmpty && refused?.message.contains("(heartbeat has 1 row)") == true, "\(refused?.message ?? "")")
    }

    /// A row or value PostgreSQL refuses (written into SQLite behind the store's back), and
    /// what the error must name.
    static let refusals: [(sql: String, named: String, reason: String)] = [
        ("UPDATE attempt SET replyCode = 5000000000 WHERE id = (SELECT max(id) FROM attempt)", "attempt row ", "out of range"),
        ("PRAGMA ignore_check_constraints = ON; UPDATE queue SET state = 'lost' WHERE id = 3", "queue row 3 was refused", "check constraint"),
        ("UPDATE event SET titles = '{\"fr\": ' WHERE id = 1", "event row 1 was refused", "json"),
        ("UPDATE member SET createdAt = 'yesterday' WHERE id = 2", "member row 2, column createdAt: expected a date", "found text of another form"),
        ("UPDATE membership SET changedAt = 12 WHERE memberId = 1", "membership row (memberId 1, listId ", "found an integer"),
    ]

    @Test(arguments: refusals)
    func aRefusedRowRollsEverythingBack(_ refusal: (sql: String, named: String, reason: String)) async throws {
        let setup = try await Setup(members: 12)
        try setup.sqlite(refusal.sql)
        let error = await #expect(throws: PostgresStoreError.self) { try await setup.copy() }
        #expect(error?.kind == .rejected)
        let message = error?.message ?? ""
        #expect(message.contains(refusal.named) && message.localizedCaseInsensitiveContains(refusal.reason), "\(message)")
        #expect(message.hasSuffix("; nothing was copied") && !message.contains("\n"))
        #expect(!message.contains(setup.server.password))
        // Not even the migration stayed.
        #expect(try await setup.unmigrated())
    }

    /// A table or column on one side only, made by `sqlite` (on the source) or `postgres` (on
    /// the migrated target), and what the error must say.
    static let differences: [(sqlite: String?, postgres: String?, says: String)] = [
        ("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)", nil, "table notes of "),
        ("ALTER TABLE member ADD COLUMN nickname TEXT", nil, "column member.nickname of "),
        (nil, #"ALTER TABLE "queue" ADD COLUMN "priority" integer"#, "column queue.priority of postgres://"),
        (nil, #"CREATE TABLE "notes" ("id" bigint PRIMARY KEY)"#, "table notes of postgres://"),
    ]

    @Test(arguments: differences)
    func tablesOrColumnsOnOneSideOnlyAreRefused(_ difference: (sqlite: String?, postgres: String?, says: String)) async throws {
        let setup = try await Setup(members: 12, migrated: true)
        if let sql = difference.sqlite { try setup.sqlite(sql) }
        if let sql = difference.postgres {
            try await setup.withConnection { connection in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: quietLogger) }
        }
        let error = await #expect(throws: PostgresStoreError.self) { try await setup.copy() }
        #expect(error?.kind == .mismatch)
        #expect(error?.message.hasPrefix(difference.says) == true && error?.message.contains("has no counterpart in") == true, "\(error?.message ?? "")")
        #expect(try await setup.postgresCounts().values.allSatisfy { $0 == 0 })
    }

    @Test func countsThatDisagreeRollEverythingBack() async throws {
        // The source says one more member than it hands over.
        let setup = try await Setup(members: 12, migrated: true)
        let members = try #require(try TableDump.sqliteCounts(path: setup.path)["member"])
        let lying = await #expect(throws: PostgresStoreError.self) {
            try await setup.copy(from: MiscountingSource(store: setup.store, table: "member"))
        }
        #expect(lying?.kind == .mismatch)
        #expect(lying?.message.hasPrefix("\(setup.path) counted \(members + 1) rows in member, but \(members) were read") == true, "\(lying?.message ?? "")")
        #expect(try await setup.postgresCounts().values.allSatisfy { $0 == 0 })

        // The target drops rows silently (a trigger): the count after the copy catches it.
        try await setup.withConnection { connection in
            try await connection.query(
                #"CREATE FUNCTION drop_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$"#, logger: quietLogger)
            try await connection.query(
                #"CREATE TRIGGER drop_hashes BEFORE INSERT ON "suppression" FOR EACH ROW EXECUTE FUNCTION drop_row()"#, logger: quietLogger)
        }
        let dropped = await #expect(throws: PostgresStoreError.self) { try await setup.copy() }
        #expect(dropped?.kind == .mismatch)
        #expect(dropped?.message.hasPrefix("suppression holds 0 rows in postgres://") == true, "\(dropped?.message ?? "")")
        #expect(dropped?.message.hasSuffix("after the copy, but 1 row in \(setup.path); nothing was copied") == true, "\(dropped?.message ?? "")")
        #expect(try await setup.postgresCounts().values.allSatisfy { $0 == 0 })
    }

    @Test func thePasswordIsNeverShown() async throws {
        let setup = try await Setup(members: 12)
        let password = setup.server.password
        // In the URL (discouraged, accepted): not in the report, nor in a refusal.
        let withPassword = try PostgresConnector(
            url: "postgres://\(setup.server.user):\(password)@127.0.0.1:\(setup.server.port)/\(setup.database)?sslmode=disable", environment: [:])
        let report = try await setup.copy(connector: withPassword)
        #expect(!report.target.contains(password) && report.target.contains("postgres://relais@127.0.0.1"))
        let refused = await #expect(throws: PostgresStoreError.self) { try await setup.copy(connector: withPassword) }
        #expect(refused?.kind == .notEmpty && refused?.description.contains(password) == false)
        // A wrong password: refused by the server, neither password shown.
        let wrong = try PostgresConnector(
            url: setup.server.url(database: setup.database), passwordFile: setup.server.writePasswordFile("not-\(password)"), environment: [:])
        let login = await #expect(throws: PostgresStoreError.self) { try await setup.copy(connector: wrong) }
        #expect(login?.kind == .authentication)
        #expect(login?.description.contains(password) == false, "\(login?.description ?? "")")
    }
}

/// A source that reports one row more in `table` than it hands over: what a count check is for.
final class MiscountingSource: StoreTableSource {
    let store: RelaisStore
    let table: String

    init(store: RelaisStore, table: String) {
        self.store = store
        self.table = table
    }

    var sourceName: String { store.sourceName }

    func readTables(batchSize: Int, into sink: any StoreTableSink) throws {
        try store.readTables(batchSize: batchSize, into: Sink(inner: sink, table: table))
    }

    private final class Sink: StoreTableSink {
        let inner: any StoreTableSink
        let table: String

        init(inner: any StoreTableSink, table: String) {
            self.inner = inner
            self.table = table
        }

        func prepare(_ tables: [StoreTable]) throws {
            try inner.prepare(tables.map { table in
                var table = table
                if table.name == self.table { table.rowCount += 1 }
                return table
            })
        }

        func insert(_ rows: [[StoreValue]], into table: StoreTable) throws {
            var table = table
            if table.name == self.table { table.rowCount += 1 }
            try inner.insert(rows, into: table)
        }
    }
}

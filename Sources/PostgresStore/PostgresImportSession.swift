import Logging
import PostgresNIO
import StoreModel

/// One store copy in progress: the connection and its open transaction, what the target holds,
/// and what was copied so far; the sink the source feeds (see ``PostgresImporter``).
///
/// Not `Sendable`: one thread drives it (the source's), blocking on the server for each step.
final class PostgresImportSession: StoreTableSink {
    /// A column of the target.
    private struct Column {
        let name: String
        let dataType: String
        let type: PostgresColumnType?
        let identity: Bool
    }

    /// How one table's rows go in: the columns' types in the source's order and the statement's head.
    private struct Plan {
        let table: StoreTable
        let types: [PostgresColumnType]
        let head: String
        /// Rows per statement: PostgreSQL takes at most 65,535 parameters.
        var rowsPerStatement: Int { max(1, 65_535 / max(1, types.count)) }

        /// The `INSERT` for `rows`; a value its column cannot take is the row's error.
        func query(_ rows: ArraySlice<[StoreValue]>, failure: (String) -> PostgresStoreError) throws(PostgresStoreError) -> PostgresQuery {
            var bindings = PostgresBindings(capacity: rows.count * types.count)
            var tuples: [String] = []
            tuples.reserveCapacity(rows.count)
            for row in rows {
                guard row.count == types.count else {
                    throw failure("\(table.name) \(table.describeRow(row)) has \(row.count) values for \(types.count) columns")
                }
                var placeholders: [String] = []
                placeholders.reserveCapacity(types.count)
                for (index, value) in row.enumerated() {
                    do throws(PostgresColumnType.Mismatch) {
                        try types[index].bind(value, to: &bindings)
                    } catch {
                        throw failure(
                            "\(table.name) \(table.describeRow(row)), column \(table.columns[index]): expected \(error.expected), found \(error.found)")
                    }
                    placeholders.append(types[index].placeholder(bindings.count))
                }
                tuples.append("(" + placeholders.joined(separator: ", ") + ")")
            }
            return PostgresQuery(unsafeSQL: head + tuples.joined(separator: ", "), binds: bindings)
        }
    }

    /// How the copy's failures are told: one line naming the target, never the password.
    private struct Messages: Sendable {
        /// The target, without its password.
        let target: String
        /// The password, redacted from every message made here.
        let secret: String?

        /// What postgres-nio threw while the copy was doing `action`, as one line.
        func failure(_ error: any Error, action: String) -> PostgresStoreError {
            if let error = error as? PostgresStoreError { return error }
            if let error = error as? PSQLError, error.code == .server {
                return failure(.query, "cannot \(action) in \(target): \(PostgresMigrator.serverMessage(error))")
            }
            return failure(.unavailable, "lost the connection to \(target) while trying to \(action): \(PostgresConnector.shortDescription(error))")
        }

        /// An error of `kind` saying `message` and that nothing was copied, never the password.
        func failure(_ kind: PostgresStoreError.Kind, _ message: String) -> PostgresStoreError {
            PostgresStoreError(kind, message + "; nothing was copied", redacting: secret)
        }
    }

    private let connection: PostgresConnection
    private let logger: Logger
    private let messages: Messages
    /// The target, without its password.
    private var target: String { messages.target }
    /// The source, for messages.
    private let source: String
    private let progress: (@Sendable (PostgresImportProgress) -> Void)?

    private var inTransaction = false
    private var migrated: [String] = []
    private var targetTables: [String: [Column]] = [:]
    private var plans: [String: Plan] = [:]
    private var tables: [StoreTable] = []
    private var copied: [String: Int] = [:]

    private init(
        connection: PostgresConnection, logger: Logger, target: String, source: String, secret: String?,
        progress: (@Sendable (PostgresImportProgress) -> Void)?
    ) {
        self.connection = connection
        self.logger = logger
        self.messages = Messages(target: target, secret: secret)
        self.source = source
        self.progress = progress
    }

    /// Connects to the target.
    static func open(
        connector: PostgresConnector, source: String, logger: Logger, progress: (@Sendable (PostgresImportProgress) -> Void)?
    ) throws(PostgresStoreError) -> PostgresImportSession {
        let connection = try blockingWait { () async throws(PostgresStoreError) -> PostgresConnection in
            try await connector.connect(logger: logger)
        }
        return PostgresImportSession(
            connection: connection, logger: logger, target: "\(connector.location)", source: source,
            secret: connector.password?.value, progress: progress)
    }

    // MARK: - Steps

    /// Opens the transaction, migrates the target, reads its columns, locks its tables and
    /// refuses it unless every table is empty.
    func begin() throws(PostgresStoreError) {
        try run("open a transaction") { connection, logger in try await connection.query("BEGIN", logger: logger) }
        inTransaction = true
        let connection = connection, logger = logger
        migrated = try blockingWait { () async throws(PostgresStoreError) -> [String] in
            try await PostgresMigrator().migrate(inTransaction: connection, logger: logger)
        }
        targetTables = try readTargetColumns()
        let names = targetTables.keys.sorted()
        guard !names.isEmpty else { return }
        let lock = "LOCK TABLE " + names.map(Self.quoted).joined(separator: ", ") + " IN EXCLUSIVE MODE"
        try run("lock its tables") { connection, logger in try await connection.query(PostgresQuery(unsafeSQL: lock), logger: logger) }
        var filled: [String] = []
        for name in names {
            let rows = try count(name)
            if rows > 0 { filled.append("\(name) has \(Self.rows(rows))") }
        }
        guard filled.isEmpty else {
            throw PostgresStoreError(
                .notEmpty, "\(target) is not empty (\(filled.joined(separator: ", "))); copy into an empty database",
                redacting: messages.secret)
        }
    }

    /// Checks the source's tables and columns against the target's, both ways, before any row.
    func prepare(_ tables: [StoreTable]) throws {
        for table in tables {
            guard let columns = targetTables[table.name] else {
                throw mismatch("table \(table.name) of \(source) has no counterpart in \(target)")
            }
            let byName = Dictionary(columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let missing = table.columns.filter { byName[$0] == nil }
            guard missing.isEmpty else {
                throw mismatch("\(Self.columns(missing, of: table.name)) of \(source) \(missing.count == 1 ? "has" : "have") no counterpart in \(target)")
            }
            let extra = columns.map(\.name).filter { !table.columns.contains($0) }
            guard extra.isEmpty else {
                throw mismatch("\(Self.columns(extra, of: table.name)) of \(target) \(extra.count == 1 ? "has" : "have") no counterpart in \(source)")
            }
            var types: [PostgresColumnType] = []
            for name in table.columns {
                let column = byName[name]!
                guard let type = column.type else {
                    throw mismatch("column \(table.name).\(name) of \(target) is of type \(column.dataType), which a copy cannot fill")
                }
                types.append(type)
            }
            let overriding = columns.contains(where: \.identity) ? " OVERRIDING SYSTEM VALUE" : ""
            let head = "INSERT INTO \(Self.quoted(table.name)) (" + table.columns.map(Self.quoted).joined(separator: ", ") + ")\(overriding) VALUES "
            plans[table.name] = Plan(table: table, types: types, head: head)
        }
        let names = Set(tables.map(\.name))
        let unfilled = targetTables.keys.filter { !names.contains($0) && !StoreTable.notCopied.contains($0) }.sorted()
        guard unfilled.isEmpty else {
            throw mismatch("\(unfilled.count == 1 ? "table" : "tables") \(unfilled.joined(separator: ", ")) of \(target) \(unfilled.count == 1 ? "has" : "have") no counterpart in \(source)")
        }
        self.tables = tables
    }

    /// Inserts `rows` of `table`; a batch the server refuses is replayed a row at a time, so the
    /// error names the row.
    func insert(_ rows: [[StoreValue]], into table: StoreTable) throws {
        guard let plan = plans[table.name] else {
            throw mismatch("rows of table \(table.name) came from \(source) before the table itself")
        }
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + plan.rowsPerStatement, rows.count)]
            try insert(chunk, plan: plan)
            start += chunk.count
        }
        copied[table.name, default: 0] += rows.count
        progress?(PostgresImportProgress(table: table.name, rows: copied[table.name] ?? 0, total: table.rowCount))
    }

    /// Checks the counts read, sets the sequences past the highest ids, counts the target's rows
    /// again and commits.
    func commit() throws(PostgresStoreError) -> PostgresImportReport {
        for table in tables where copied[table.name, default: 0] != table.rowCount {
            throw mismatch("\(source) counted \(Self.rows(table.rowCount)) in \(table.name), but \(copied[table.name, default: 0]) were read")
        }
        for table in tables {
            let identities = (targetTables[table.name] ?? []).filter(\.identity)
            for column in identities {
                // SQLite's last id handed out is its table's (its one AUTOINCREMENT column).
                try resetSequence(table: table.name, column: column.name, lastIssued: identities.count == 1 ? table.lastIssuedId : nil)
            }
        }
        var counts: [PostgresImportReport.Count] = []
        for table in tables {
            let rows = try count(table.name)
            guard rows == table.rowCount else {
                throw mismatch("\(table.name) holds \(Self.rows(rows)) in \(target) after the copy, but \(Self.rows(table.rowCount)) in \(source)")
            }
            counts.append(PostgresImportReport.Count(table: table.name, rows: rows))
        }
        try run("commit") { connection, logger in try await connection.query("COMMIT", logger: logger) }
        inTransaction = false
        for count in counts {
            logger.info("copied table", metadata: ["relais.store.table": "\(count.table)", "relais.store.rows": "\(count.rows)"])
        }
        let skipped = StoreTable.notCopied.filter { targetTables[$0] != nil }.sorted()
        return PostgresImportReport(target: target, counts: counts, skipped: skipped, migrated: migrated)
    }

    /// Rolls the transaction back, if one is open (closing the connection would too).
    func rollback() {
        guard inTransaction else { return }
        inTransaction = false
        let connection = connection, logger = logger
        blockingWait { () async throws(Never) -> Void in _ = try? await connection.query("ROLLBACK", logger: logger) }
    }

    /// Closes the connection.
    func close() {
        let connection = connection
        blockingWait { () async throws(Never) -> Void in try? await connection.close() }
    }

    // MARK: - Statements

    /// The target's tables (but `relais_migrations`) and their columns, in order.
    private func readTargetColumns() throws(PostgresStoreError) -> [String: [Column]] {
        let rows = try run("read its columns") { connection, logger -> [(String, String, String, Bool)] in
            let rows = try await connection.query(
                """
                SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.is_identity::text = 'YES'
                FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name::text <> 'relais_migrations'
                ORDER BY c.table_name, c.ordinal_position
                """, logger: logger)
            var result: [(String, String, String, Bool)] = []
            for try await row in rows.decode((String, String, String, Bool).self) { result.append(row) }
            return result
        }
        var tables: [String: [Column]] = [:]
        for (table, column, dataType, identity) in rows {
            tables[table, default: []].append(Column(name: column, dataType: dataType, type: PostgresColumnType(dataType: dataType), identity: identity))
        }
        return tables
    }

    /// The rows of `table` in the target.
    private func count(_ table: String) throws(PostgresStoreError) -> Int {
        let sql = "SELECT count(*) FROM \(Self.quoted(table))"
        return try run("count the rows of \(table)") { connection, logger -> Int in
            var count: Int64 = 0
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(Int64.self) { count = value }
            return Int(count)
        }
    }

    /// Sets the identity sequence of `table.column` so that the next id is past the highest one,
    /// and past `lastIssued` (the last id the source handed out).
    private func resetSequence(table: String, column: String, lastIssued: Int64?) throws(PostgresStoreError) {
        let qualified = Self.quoted(table)
        let sql = """
            SELECT setval(pg_get_serial_sequence($1, $2), greatest(last, 1), last > 0)
            FROM (SELECT greatest(coalesce(max(\(Self.quoted(column))), 0), $3) AS last FROM \(qualified)) AS m
            """
        var bindings = PostgresBindings()
        bindings.append(qualified)
        bindings.append(column)
        bindings.append(lastIssued ?? 0)
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        try run("set the sequence of \(table).\(column)") { connection, logger in try await connection.query(query, logger: logger) }
    }

    /// Inserts `rows` under a savepoint; when the server refuses them, finds the row it refuses.
    private func insert(_ rows: ArraySlice<[StoreValue]>, plan: Plan) throws(PostgresStoreError) {
        let table = plan.table.name
        let messages = messages
        let query = try plan.query(rows) { messages.failure(.rejected, $0) }
        do throws(PostgresStoreError) {
            try run("insert rows into \(table)") { connection, logger in
                try await connection.query("SAVEPOINT relais_copy", logger: logger)
                try await connection.query(query, logger: logger)
                try await connection.query("RELEASE SAVEPOINT relais_copy", logger: logger)
            }
        } catch where error.kind == .query {
            try run("roll back to the savepoint") { connection, logger in
                try await connection.query("ROLLBACK TO SAVEPOINT relais_copy", logger: logger)
            }
            let connection = connection, logger = logger
            for row in rows {
                let single = try plan.query([row]) { messages.failure(.rejected, $0) }
                let refusal = try blockingWait { () async throws(PostgresStoreError) -> String? in
                    do {
                        try await connection.query(single, logger: logger)
                        return nil
                    } catch let refusal as PSQLError where refusal.code == .server {
                        return PostgresMigrator.serverMessage(refusal)
                    } catch {
                        throw messages.failure(error, action: "insert rows into \(table)")
                    }
                }
                if let refusal {
                    throw messages.failure(.rejected, "\(table) \(plan.table.describeRow(row)) was refused by \(target): \(refusal)")
                }
            }
            throw error
        }
    }

    // MARK: - Helpers

    /// Runs `body` on the connection as a task, blocking this thread until it ends; a failure is
    /// one line saying what the copy was doing (`action`).
    @discardableResult
    private func run<Success: Sendable>(
        _ action: String, _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> Success
    ) throws(PostgresStoreError) -> Success {
        let connection = connection, logger = logger, messages = messages
        return try blockingWait { () async throws(PostgresStoreError) -> Success in
            do {
                return try await body(connection, logger)
            } catch {
                throw messages.failure(error, action: action)
            }
        }
    }

    private func mismatch(_ message: String) -> PostgresStoreError {
        messages.failure(.mismatch, message)
    }

    /// `"memberChange"`: an identifier quoted for SQL.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `column member.x` or `columns member.x, member.y`.
    static func columns(_ names: [String], of table: String) -> String {
        (names.count == 1 ? "column " : "columns ") + names.map { "\(table).\($0)" }.joined(separator: ", ")
    }

    /// `1 row`, `12 rows`.
    static func rows(_ count: Int) -> String {
        count == 1 ? "1 row" : "\(count) rows"
    }
}

import Foundation
import RelaisTestSupport
import Testing

/// Two installations side by side, one on SQLite and one on a fresh database of a throwaway
/// PostgreSQL: every command run on both must exit, print and complain alike (times, Message-IDs,
/// tokens and the installations' own paths aside). Keeps everything printed, to check that the
/// password never shows.
final class BackendTwins: @unchecked Sendable {
    // @unchecked: used by one test on its own thread.
    let server: PostgresServer
    let sqlite = Sandbox()
    let postgres: Sandbox
    /// Every stdout and stderr of the PostgreSQL installation.
    private(set) var outputs: [String] = []

    /// The twins, the PostgreSQL one on a new database of `server`.
    init(_ server: PostgresServer) throws {
        self.server = server
        postgres = try PostgresCLITests.postgresSandbox(server)
    }

    /// Runs `arguments` on both installations; they must exit with `status`, and print and
    /// complain the same. Returns the PostgreSQL run.
    @discardableResult
    func both(_ arguments: [String], status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
        let expected = try sqlite.ctl(arguments)
        let result = try postgres.ctl(arguments)
        outputs += [result.stdout, result.stderr]
        #expect(expected.status == status, "SQLite \(arguments): \(expected.stderr)", sourceLocation: sourceLocation)
        #expect(result.status == expected.status, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(normalized(result.stdout, postgres) == normalized(expected.stdout, sqlite), "\(arguments)", sourceLocation: sourceLocation)
        #expect(normalized(result.stderr, postgres) == normalized(expected.stderr, sqlite), "\(arguments)", sourceLocation: sourceLocation)
        return result
    }

    /// Runs one statement on each database: `sqliteSQL` with Python's sqlite3, `postgresSQL` with psql.
    func sql(sqlite sqliteSQL: String, postgres postgresSQL: String) throws {
        _ = try EventNoticeTransactionTests.sql(sqlite, sqliteSQL)
        _ = try server.psql(postgresSQL, database: PostgresCLITests.databaseName(postgres))
    }

    /// `text` without what differs between two installations by nature: times, Message-IDs,
    /// tokens, events' UIDs, and the installation's folder.
    private func normalized(_ text: String, _ sandbox: Sandbox) -> String {
        var text = text.replacingOccurrences(of: sandbox.directory.path, with: "<dir>")
        for (pattern, placeholder) in [
            (#"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}"#, "<stored-time>"),
            (#"written to \S+"#, "written to <file>"),
            (#"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"#, "<uuid>"),
        ] {
            text = text.replacingOccurrences(of: pattern, with: placeholder, options: .regularExpression)
        }
        text = PostgresCLITests.normalized(text)
        return text.replacingOccurrences(of: #"\b[0-9a-f]{32}\b"#, with: "<token>", options: .regularExpression)
    }
}

import Foundation
import RelaisTestSupport
import Testing

/// `relaisctl store copy`: the built binary copies a database made the way the other end-to-end
/// tests make theirs into a throwaway PostgreSQL, says so in one line (or JSON, or nothing with
/// -q), and refuses with one line and its sysexits code, never showing the password.
@Suite(.blocking, .serialized)
final class StoreCopyCLITests {
    let server: PostgresServer
    let sandbox: Sandbox

    /// The sample members (as AnnounceTests imports them), a monthly event with a cancelled
    /// occurrence told to its list, a newsletter sent by `relaisd --once`, a later one pending,
    /// a member who left a list and one who asked to be forgotten.
    init() throws {
        server = try PostgresServer()
        sandbox = Sandbox()
        let steps: [[String]] = [
            ["member", "import", Repository.path("config/members.sample.csv"), "--create-lists"],
            ["event", "add", "--title", "fr=Petit-déjeuner", "--start", "2050-03-01T08:30", "--tz", "Europe/Brussels",
             "--rule", "FREQ=MONTHLY;BYDAY=1TU", "--list", "werein-partners", "--remind", "1d"],
            ["event", "cancel", "1", "--occurrence", "2050-04-05T08:30"],
            ["announce", "newsletter", "--list", "mompreneurs-be", "--data", sandbox.directory.write("n.json", #"{"title": "Lettre", "paragraphs": ["Un"]}"#), "--fallback"],
            ["member", "unsubscribe", "sophie.lambert@example.be", "--list", "mompreneurs-be"],
            ["member", "forget", "claire.fontaine@example.fr"],
            ["announce", "newsletter", "--list", "mompreneurs-be", "--at", "2050-01-01T10:00", "--tz", "Europe/Brussels",
             "--data", sandbox.directory.file("n.json"), "--fallback"],
        ]
        for (index, step) in steps.enumerated() {
            let result = try sandbox.ctl(step)
            #expect(result.status == 0, "\(step): \(result.stderr)")
            if index == 3 { #expect(try sandbox.runDaemonOnce().status == 0) }
        }
    }

    deinit { server.stop() }

    /// A fresh database on the server and a file holding the password.
    func target() throws -> (url: String, database: String, passwordFile: String) {
        let database = try server.createDatabase()
        return (server.url(database: database), database, server.writePasswordFile())
    }

    /// `relaisctl store copy --to URL …` on the sandbox's database.
    func copy(_ url: String, _ extra: [String] = []) throws -> ProcessResult {
        try sandbox.ctl(["store", "copy", "--to", url] + extra)
    }

    /// Each table's rows in the sandbox's SQLite file (Python's sqlite3).
    func sqliteCounts() throws -> [String: Int] {
        let script = """
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'")]
            print(json.dumps({n: db.execute('SELECT count(*) FROM "%s"' % n).fetchone()[0] for n in names}))
            """
        let result = try ProcessRunner.run("/usr/bin/python3", ["-c", script, sandbox.directory.file("var/relais.sqlite")])
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Int] ?? [:]
    }

    @Test func copiesTheDatabaseAndSaysWhatItCopiedInOneLine() throws {
        let (url, database, passwordFile) = try target()
        let counts = try sqliteCounts()
        #expect(counts["queue", default: 0] > 0 && counts["attempt", default: 0] > 0 && counts["eventException", default: 0] > 0)
        #expect(counts["suppression"] == 1 && counts["storeSecret"] == 1 && counts["memberChange", default: 0] > 0)

        let result = try copy(url, ["--password-file", passwordFile])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let line = String(lines.first ?? "")
        #expect(line.hasPrefix("copied \(counts["member"]!) members, 2 lists, "), "\(line)")
        #expect(line.contains(" \(counts["queue"]!) queue rows, \(counts["attempt"]!) attempts, "), "\(line)")
        #expect(line.contains("1 forgotten address, 1 store secret"), "\(line)")
        #expect(line.hasSuffix(
            " into postgres://relais@127.0.0.1:\(server.port)/\(database)?sslmode=disable (migrated to v1-initial, v2-send-limits first; heartbeat, sendGrant, sendLimit not copied: daemon state)"),
            "\(line)")
        for (table, rows) in counts where table != "heartbeat" {
            #expect(try server.psql("SELECT count(*) FROM \"\(table)\"", database: database) == "\(rows)", "\(table)")
        }

        // Again: the target is not empty any more.
        let again = try copy(url, ["--password-file", passwordFile])
        #expect(again.status == 73)
        #expect(again.stdout.isEmpty)
        #expect(again.stderr.split(separator: "\n").count == 1, "\(again.stderr)")
        #expect(again.stderr.hasPrefix("relaisctl: store copy: postgres://relais@127.0.0.1:\(server.port)/\(database)?sslmode=disable is not empty (announcement has \(counts["announcement"]!) rows, attempt has \(counts["attempt"]!) rows, "), "\(again.stderr)")
        #expect(again.stderr.hasSuffix("; copy into an empty database\n"))
    }

    @Test func quietPrintsNothingAndJSONGivesTheCounts() throws {
        let quiet = try target()
        let silent = try copy(quiet.url, ["--password-file", quiet.passwordFile, "-q"])
        #expect(silent.status == 0 && silent.stdout.isEmpty && silent.stderr.isEmpty, "\(silent.stderr)")
        #expect(try server.psql(#"SELECT count(*) FROM "member""#, database: quiet.database) == "\(try sqliteCounts()["member"]!)")

        let json = try target()
        let result = try copy(json.url, ["--password-file", json.passwordFile, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let tables = try #require(object["tables"] as? [String: Int])
        var expected = try sqliteCounts()
        expected["heartbeat"] = nil
        #expect(tables == expected)
        #expect(object["skipped"] as? [String] == ["heartbeat", "sendGrant", "sendLimit"])
        #expect(object["migrated"] as? [String] == ["v1-initial", "v2-send-limits"])
        #expect((object["target"] as? String)?.hasPrefix("postgres://relais@127.0.0.1:\(server.port)/\(json.database)") == true)
    }

    @Test func refusalsAreOneLineWithTheirExitCodeAndNoPassword() throws {
        let (url, database, passwordFile) = try target()
        let password = server.password
        let withPassword = "postgres://relais:\(password)@127.0.0.1:\(server.port)/\(database)?sslmode=disable"
        let wrongPassword = server.writePasswordFile("wrong-\(password)")
        var port = try PostgresServer.freePort()
        if port == server.port { port = try PostgresServer.freePort() }
        let cases: [(arguments: [String], status: Int32, says: String)] = [
            (["--to", "mysql://relais@127.0.0.1/relais"], 78, "relaisctl: store copy: --to: the scheme must be postgres://"),
            (["--to", url, "--password-file", sandbox.directory.file("missing")], 78, "relaisctl: store copy: --password-file: "),
            (["--to", "postgres://relais@127.0.0.1:\(port)/relais?sslmode=disable", "--password-file", passwordFile], 69, "relaisctl: store copy: --to: cannot connect to postgres://relais@127.0.0.1:\(port)/"),
            (["--to", url, "--password-file", wrongPassword], 77, "relaisctl: store copy: --to: postgres://relais@127.0.0.1:\(server.port)/\(database)?sslmode=disable refused the login"),
            (["--to", withPassword.replacingOccurrences(of: "/\(database)?", with: "/nosuchdb?")], 78, "relaisctl: store copy: --to: postgres://relais@127.0.0.1:\(server.port)/nosuchdb?sslmode=disable: "),
        ]
        for (arguments, status, says) in cases {
            let result = try sandbox.ctl(["store", "copy"] + arguments)
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.hasPrefix(says), "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains(password) && !result.stderr.contains("wrong-"), "\(result.stderr)")
        }
        #expect(try server.psql("SELECT to_regclass('member') IS NULL", database: database) == "t", "a refused copy changed the target")

        // A password in the URL works, and is shown nowhere.
        let copied = try sandbox.ctl(["store", "copy", "--to", withPassword])
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(!copied.stdout.contains(password) && copied.stdout.contains("into postgres://relais@127.0.0.1:"))
        let again = try sandbox.ctl(["store", "copy", "--to", withPassword])
        #expect(again.status == 73 && !again.stderr.contains(password), "\(again.stderr)")
    }

    @Test func aRunningDaemonIsRefused() throws {
        let (url, database, passwordFile) = try target()
        // What relaisd's heartbeat writes while it runs (SQLite's text dates, in UTC).
        let script = """
            import datetime, sqlite3, sys
            now = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M:%S.000')
            db = sqlite3.connect(sys.argv[1])
            db.execute("INSERT OR REPLACE INTO heartbeat (id, pid, version, startedAt, beatAt, activity) VALUES (1, 4242, 'test', ?, ?, 'idle')", (now, now))
            db.commit()
            """
        let beat = try ProcessRunner.run("/usr/bin/python3", ["-c", script, sandbox.directory.file("var/relais.sqlite")])
        #expect(beat.status == 0, "\(beat.stderr)")
        let result = try copy(url, ["--password-file", passwordFile])
        #expect(result.status == 75, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("relaisctl: store copy: relaisd (pid 4242) is running on ") && result.stderr.contains("stop it first"), "\(result.stderr)")
        #expect(try server.psql("SELECT to_regclass('member') IS NULL", database: database) == "t")
    }
}

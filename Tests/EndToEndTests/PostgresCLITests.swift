import Foundation
import RelaisTestSupport
import Testing

/// relaisctl with `store.url`: its commands say and exit on a throwaway PostgreSQL exactly what
/// they say and exit on SQLite; the bounce commands refuse in one line; the password never shows.
@Suite(.blocking, .serialized) struct PostgresCLITests {
    /// A sandbox on a fresh database of `server`, the password in `store.password_file`.
    static func postgresSandbox(_ server: PostgresServer, passwordFile: String? = nil) throws -> Sandbox {
        let url = server.url(database: try server.createDatabase())
        return Sandbox(storeYAML: "url: \(url)\n  password_file: \(passwordFile ?? server.writePasswordFile())")
    }

    /// What varies between two runs of the same command: times (and with relative times, the
    /// width of a table's columns) and Message-IDs.
    static func normalized(_ text: String) -> String {
        var text = text
        for (pattern, placeholder) in [
            (#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, "<time>"),
            (#"<[0-9a-f]{32}\.relais@[^>]+>"#, "<message-id>"),
            (#"\b(in )?\d+[smhd](\d+[mh])?( ago)?\b|\bnow\b"#, "<when>"),
            (#" {2,}"#, "  "),
        ] {
            text = text.replacingOccurrences(of: pattern, with: placeholder, options: .regularExpression)
        }
        return text
    }

    @Test(.timeLimit(.minutes(5)))
    func everydayCommandsSayTheSameOnBothBackends() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let postgres = try Self.postgresSandbox(server)
        let sqlite = Sandbox()
        var outputs: [String] = []
        /// Runs `arguments` on both; the two runs must exit, print and complain alike.
        @discardableResult
        func both(_ arguments: [String], status: Int32 = 0) throws -> ProcessResult {
            let expected = try sqlite.ctl(arguments)
            let result = try postgres.ctl(arguments)
            outputs += [result.stdout, result.stderr]
            #expect(expected.status == status, "SQLite \(arguments): \(expected.stderr)")
            #expect(result.status == expected.status, "\(arguments): \(result.stderr)")
            #expect(Self.normalized(result.stdout) == Self.normalized(expected.stdout), "\(arguments)")
            #expect(Self.normalized(result.stderr) == Self.normalized(expected.stderr), "\(arguments)")
            return result
        }
        let csv = sqlite.directory.write("members.csv", """
            email,name,locale,lists
            Ana@Example.es,Ana,es,be;News
            bo@example.be,Bo,fr,be
            cy@example.fr,"Dupont, Cy",fr,news
            di@example.de,Di,de,be

            """)
        let data = sqlite.directory.write("n.json", #"{"title": "Lettre de mars", "paragraphs": ["Un", "Deux"]}"#)

        try both(["member", "import", csv], status: 65)
        try both(["member", "import", csv, "--create-lists"])
        try both(["member", "import", csv, "--json"])
        try both(["member", "add", "eve@example.be", "--name", "Eve", "--locale", "fr", "--list", "BE"])
        try both(["member", "add", "fay@example.be", "--name", "Fay", "--locale", "fr", "--list", "typo"], status: 65)
        try both(["member", "unsubscribe", "bo@example.be", "--list", "be"])
        try both(["member", "unsubscribe", "di@example.de"])
        try both(["member", "unsubscribe", "nobody@example.org"], status: 65)
        try both(["member", "list"])
        try both(["member", "list", "--list", "news", "--json"])
        try both(["member", "show", "ana@example.es", "--utc"])
        try both(["member", "show", "bo@example.be", "--json"])
        try both(["list"])
        try both(["list", "--json"])
        try both(["list", "add", "be"], status: 65)
        try both(["list", "add", "events"])
        try both(["list", "show", "BE", "--utc"])
        try both(["announce", "newsletter", "--list", "be", "--data", data, "--fallback"])
        try both(["announce", "newsletter", "--list", "News", "--data", data, "--fallback", "--at", "2050-03-01T09:00", "--tz", "Europe/Brussels", "--json"])
        try both(["announce", "newsletter", "--list", "nobody"], status: 65)
        try both(["queue", "list", "--json"])
        try both(["queue", "list", "--state", "queued"])
        try both(["queue", "hold", "1", "2", "99"], status: 65)
        try both(["queue", "release", "--all", "--json"])
        try both(["queue", "cancel", "2"])
        try both(["queue", "retry", "2"], status: 65)
        try both(["queue", "flush"])
        try both(["member", "forget", "cy@example.fr"])
        try both(["member", "import", csv])
        try both(["member", "add", "CY@example.fr", "--name", "Cy", "--locale", "fr"], status: 65)
        try both(["member", "remove", "ana@example.es"])
        try both(["member", "remove", "ana@example.es"], status: 65)
        try both(["queue", "list", "--state", "cancelled", "--json"])
        try both(["list", "show", "be", "--json"])
        try both(["bounce", "list"])
        try both(["bounce", "list", "--json"])

        // status reads the daemons' side of the store (heartbeats, the planner's inputs) too.
        let expected = try sqlite.ctl(["status", "--json"])
        let status = try postgres.ctl(["status", "--json"])
        outputs += [status.stdout, status.stderr]
        #expect(expected.status == 0)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(Self.normalized(status.stdout) == Self.normalized(expected.stdout))

        for output in outputs { #expect(!output.contains(server.password)) }
    }

    @Test(.timeLimit(.minutes(3)))
    func aWrongPasswordOrServerIsOneLineNamingStoreURL() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let wrong = "not-the-password-4f1d"
        let refused = try Self.postgresSandbox(server, passwordFile: server.writePasswordFile(wrong)).ctl(["member", "list"])
        #expect(refused.status == 77, "\(refused.stderr)")
        #expect(refused.stderr.hasPrefix("relaisctl: store.url: ") && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(!refused.stderr.contains(wrong) && !refused.stderr.contains(server.password) && refused.stdout.isEmpty)

        let port = try PostgresServer.freePort()
        let away = Sandbox(storeYAML: "url: postgres://relais@127.0.0.1:\(port)/relais?sslmode=disable\n  password_file: \(server.writePasswordFile())")
        let unavailable = try away.ctl(["queue", "list"])
        #expect(unavailable.status == 69, "\(unavailable.stderr)")
        #expect(unavailable.stderr.hasPrefix("relaisctl: store.url: ") && unavailable.stderr.split(separator: "\n").count == 1)
    }

    @Test(.timeLimit(.minutes(3)))
    func configCheckConnectsAndSaysWhatIsWrongInOneLine() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let sandbox = try Self.postgresSandbox(server)
        // A database not migrated yet is fine: relaisd and relaisctl migrate it.
        let fresh = try sandbox.ctl(["config", "check"])
        #expect(fresh.status == 0 && fresh.stdout.isEmpty && fresh.stderr.isEmpty, "\(fresh.stderr)")

        let wrong = "not-the-password-93ab"
        let refused = try Self.postgresSandbox(server, passwordFile: server.writePasswordFile(wrong)).ctl(["config", "check"])
        #expect(refused.status == 77, "\(refused.stderr)")
        #expect(refused.stderr.hasPrefix("relaisctl: store.url: ") && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(!refused.stderr.contains(wrong) && !refused.stderr.contains(server.password))

        // A URL that is not PostgreSQL's: one line naming store.url, never its password.
        let scheme = try Sandbox(storeYAML: "url: mysql://relais:\(wrong)@127.0.0.1/relais").ctl(["config", "check"])
        #expect(scheme.status == 78, "\(scheme.stderr)")
        #expect(scheme.stderr == "relaisctl: store.url: the scheme must be postgres:// or postgresql://, not mysql://\n", "\(scheme.stderr)")

        // A database a newer Relais migrated is refused by name, and left as it was.
        #expect(try sandbox.ctl(["member", "list"]).status == 0)
        let database = try Self.databaseName(sandbox)
        _ = try server.psql("INSERT INTO relais_migrations (name) VALUES ('v99-from-the-future')", database: database)
        let newer = try sandbox.ctl(["config", "check"])
        #expect(newer.status == 65, "\(newer.stderr)")
        #expect(newer.stderr.contains("v99-from-the-future") && newer.stderr.split(separator: "\n").count == 1, "\(newer.stderr)")
    }

    /// The database name in `sandbox`'s store.url.
    static func databaseName(_ sandbox: Sandbox) throws -> String {
        let config = try String(contentsOfFile: sandbox.config, encoding: .utf8)
        let range = try #require(config.range(of: #"/[a-z0-9_]+\?sslmode"#, options: .regularExpression))
        return String(config[range].dropFirst().dropLast("?sslmode".count))
    }
}

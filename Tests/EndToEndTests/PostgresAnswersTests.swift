import Foundation
import RelaisTestSupport
import Testing

/// What members answer, on PostgreSQL, end to end: relaisd's web endpoint (one-click
/// unsubscribe, preferences, RSVP, /healthz, /metrics), `relaisctl bounce import` and `fetch`,
/// and relaisd reading the bounce mailbox. Each installation is made on SQLite with relaisctl and moved with
/// `relaisctl store copy`, as an installation moves over; the SQLite file, left behind, shows
/// that the answers went to PostgreSQL.
@Suite(.blocking, .serialized) struct PostgresAnswersTests {
    /// Copies `sandbox`'s SQLite store into a fresh database of `server`; returns the environment
    /// that points relaisd and relaisctl at it, and the database's name.
    static func moveToPostgres(_ sandbox: Sandbox, _ server: PostgresServer) throws -> (environment: [String: String], database: String) {
        let database = try server.createDatabase()
        let url = server.url(database: database)
        let passwordFile = server.writePasswordFile()
        let copied = try sandbox.ctl(["store", "copy", "--to", url, "--password-file", passwordFile, "-q"])
        try #require(copied.status == 0, "store copy: \(copied.stderr)")
        return (["RELAIS_STORE_URL": url, "RELAIS_STORE_PASSWORD_FILE": passwordFile], database)
    }

    /// `member show --json` of `email`, on PostgreSQL with `environment`, else on SQLite.
    static func member(_ sandbox: Sandbox, _ email: String, _ environment: [String: String] = [:]) throws -> [String: Any] {
        let result = try sandbox.ctl(["member", "show", email, "--json"], environment: environment)
        try #require(result.status == 0, "member show: \(result.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    @Test(.timeLimit(.minutes(4)))
    func theWebEndpointAnswersOnPostgres() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        // Ana on news and breakfast; a breakfast announced and delivered (her RSVP link), and a
        // newsletter to breakfast queued and held, so that it waits while relaisd runs.
        let sandbox = try WebEndpointTests.sandbox()
        let (event, rsvpLink) = try WebPagesTests.announceBreakfast(sandbox)
        let letter = sandbox.directory.write("letter.json", #"{"title": "Later", "paragraphs": ["Hello."]}"#)
        let queued = try sandbox.ctl(["announce", "newsletter", "--list", "breakfast", "--data", letter, "--fallback"])
        try #require(queued.status == 0, "announce: \(queued.stderr)")
        let held = try sandbox.ctl(["queue", "hold", "--state", "queued", "--json"])
        let heldIds = (try JSONSerialization.jsonObject(with: Data(held.stdout.utf8)) as? [String: Any])?["changed"] as? [Int]
        try #require(held.status == 0 && heldIds?.count == 1, "queue hold: \(held.stdout) \(held.stderr)")
        let message = try #require(try WebEndpointTests.messages(sandbox, to: "ana@example.org").first)
        let unsubscribeHeader = try #require(DaemonHarness.header("List-Unsubscribe", in: message))
        let unsubscribeLink = String(unsubscribeHeader.dropFirst().dropLast())
        let (environment, database) = try Self.moveToPostgres(sandbox, server)

        let daemon = try RunningProcess(
            Binaries.relaisd, ["--config", sandbox.config], environment: Binaries.cleanEnvironment.merging(environment) { $1 })
        defer { _ = DaemonHarness.stop(daemon, signal: SIGKILL) }
        guard let line = daemon.waitForLine({ $0.contains("web endpoint listening on 127.0.0.1:") }),
              let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        else { throw HarnessError("relaisd did not report its web port: \(DaemonHarness.tail(daemon))") }
        let address = "http://127.0.0.1:\(port)"
        #expect(WebClient.waitForStatus(200, address + "/healthz"), "\(DaemonHarness.tail(daemon))")

        // The one-click POST of her message (RFC 8058): she leaves breakfast, her waiting newsletter is cancelled.
        #expect(unsubscribeLink.hasPrefix(WebEndpointTests.base + "/u/"), "\(unsubscribeHeader)")
        let oneClick = address + unsubscribeLink.dropFirst(WebEndpointTests.base.count)
        #expect(try WebClient.request("POST", oneClick, body: "List-Unsubscribe=One-Click").status == 200)
        var ana = try Self.member(sandbox, "ana@example.org", environment)
        #expect(ana["lists"] as? [String] == ["news"] && ana["unsubscribed_lists"] as? [String] == ["breakfast"], "\(ana)")
        #expect(ana["status"] as? String == "active")
        let rows = try sandbox.ctl(["queue", "list", "--state", "cancelled", "--json"], environment: environment)
        let cancelled = (try JSONSerialization.jsonObject(with: Data(rows.stdout.utf8)) as? [[String: Any]]) ?? []
        #expect(cancelled.map { $0["recipient"] as? String } == ["ana@example.org"], "\(rows.stdout)")
        let shown = try sandbox.ctl(["queue", "show", String(cancelled.first?["id"] as? Int ?? 0), "--json"], environment: environment)
        #expect(shown.stdout.contains("not sent: the member left the list breakfast"), "\(shown.stdout)")

        // Her preferences: German, and both lists again.
        let key = rsvpLink.dropFirst((WebEndpointTests.base + "/r/").count).prefix { $0 != "/" }
        let preferences = address + "/p/" + key
        let page = try WebClient.request("GET", preferences)
        #expect(page.status == 200)
        let ids = page.body.components(separatedBy: "name=\"list\" value=\"").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(ids.count == 2)
        let saved = try WebClient.request("POST", preferences, body: "locale=de&" + ids.map { "list=\($0)" }.joined(separator: "&") + "&action=save")
        #expect(saved.status == 200 && saved.body.contains("<html lang=\"de\""))
        ana = try Self.member(sandbox, "ana@example.org", environment)
        #expect(ana["locale"] as? String == "de" && ana["lists"] as? [String] == ["breakfast", "news"], "\(ana)")
        let history = try sandbox.ctl(["member", "show", "ana@example.org"], environment: environment).stdout
        for change in ["left-list breakfast  (web)", "language es → de  (web)", "rejoined-list breakfast  (web)"] {
            #expect(history.contains(change), "\(change) in \(history)")
        }

        // Her answer to the breakfast.
        let rsvp = address + rsvpLink.dropFirst(WebEndpointTests.base.count)
        #expect(try WebClient.request("POST", rsvp, body: "answer=no").status == 200)
        #expect(try server.psql(#"SELECT "eventId" || ' ' || "answer" FROM "rsvp""#, database: database) == "\(event) no")

        // The operators' side.
        let health = try WebClient.request("GET", address + "/healthz")
        #expect(health.status == 200 && health.body.contains("\"status\":\"ok\""), "\(health.body)")
        let metrics = try WebClient.request("GET", address + "/metrics")
        #expect(metrics.status == 200)
        let parsed = try ProcessRunner.python("scripts/parse-metrics.py", [sandbox.directory.write("metrics.txt", metrics.body)])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let families = Set(parsed.stdout.split(separator: "\n").map(String.init))
        for name in ["relais_queue_messages", "relais_queue_depth_messages", "relais_queue_oldest_age_seconds", "relais_http_requests"] {
            #expect(families.contains(name), "\(name) in \(families)")
        }
        #expect(metrics.body.contains("relais_queue_messages{state=\"cancelled\"} 1"), "\(metrics.body)")

        // Another daemon's fresh heartbeat does not make this one healthy: /healthz judges its own
        // row. Its row made stale just before asking (it beats every 3 s), a few times over.
        _ = try server.psql(
            """
            INSERT INTO "heartbeat" ("instanceId", "host", "pid", "version", "startedAt", "beatAt", "activity")
            VALUES ('relaisd-elsewhere', 'elsewhere.example', 1, 'test', now(), now() + interval '1 hour', 'idle')
            """, database: database)
        var staleSeen = false
        for _ in 0..<5 where !staleSeen {
            _ = try server.psql(
                #"UPDATE "heartbeat" SET "beatAt" = now() - interval '1 hour' WHERE "instanceId" <> 'relaisd-elsewhere'"#, database: database)
            staleSeen = try WebClient.request("GET", address + "/healthz").status == 503
        }
        #expect(staleSeen, "/healthz stayed 200 with this daemon's heartbeat an hour old")
        #expect(WebClient.waitForStatus(200, address + "/healthz", timeout: 20), "its next beat makes it healthy again")

        // The SQLite file left behind saw none of it.
        let before = try Self.member(sandbox, "ana@example.org")
        #expect(before["locale"] as? String == "es" && before["lists"] as? [String] == ["breakfast", "news"], "\(before)")
        #expect(DaemonHarness.stop(daemon, signal: SIGTERM) == 0, "\(DaemonHarness.tail(daemon))")
        #expect(!daemon.stderr.joined().contains(server.password))
    }

    @Test(.timeLimit(.minutes(4)))
    func bounceImportSaysOnPostgresWhatItSaysOnSQLite() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let (harness, tokens) = try BounceImportTests().setUp()
        func verp(_ member: String) -> String { "bounces+\(tokens[member]!)@\(BounceImportTests.domain)" }
        func messageId(_ member: String) -> String { "<\(tokens[member]!).relais@\(BounceImportTests.domain)>" }
        let sandbox = harness.sandbox
        let environment = try Self.moveToPostgres(sandbox, server).environment
        sandbox.directory.write("forwarded.mbox", BounceImportTests.mbox([
            BounceFixtures.dsn(
                returnPath: verp("member0@example.org"), recipient: "member0@example.org", originalMessageId: messageId("member0@example.org")),
            BounceFixtures.dsn(
                returnPath: verp("member1@example.org"), recipient: "member1@example.org", originalMessageId: messageId("member1@example.org"),
                status: "4.2.2", diagnostic: "452 4.2.2 Mailbox full"),
            BounceFixtures.humanReply(from: "member3@example.org"),
        ]))
        sandbox.directory.write("complaint.eml", String(decoding: BounceFixtures.complaint(
            to: verp("member2@example.org"), recipient: "member2@example.org", originalMessageId: messageId("member2@example.org")), as: UTF8.self))
        let files = [sandbox.directory.file("forwarded.mbox"), sandbox.directory.file("complaint.eml")]

        var outputs: [String] = []
        /// Runs `arguments` on SQLite, then on PostgreSQL: the same exit, output and complaints.
        func both(_ arguments: [String], status: Int32 = 0) throws {
            let expected = try sandbox.ctl(arguments)
            let result = try sandbox.ctl(arguments, environment: environment)
            outputs += [result.stdout, result.stderr]
            #expect(expected.status == status, "SQLite \(arguments): \(expected.stderr)")
            #expect(result.status == expected.status, "\(arguments): \(result.stderr)")
            #expect(PostgresCLITests.normalized(result.stdout) == PostgresCLITests.normalized(expected.stdout), "\(arguments)")
            #expect(result.stderr == expected.stderr, "\(arguments)")
        }
        try both(["bounce", "import"] + files)
        #expect(outputs.first == "1 bounced, 1 soft, 1 complaints, 0 unsubscribed, 1 left for humans\n", "\(outputs)")
        try both(["bounce", "import", "--json"] + files)
        try both(["bounce", "import", sandbox.directory.file("no-such.mbox")], status: 66)
        try both(["bounce", "list", "--json"])
        try both(["bounce", "list", "--limit", "2", "--utc"])
        for email in ["member0@example.org", "member1@example.org", "member2@example.org", "member3@example.org"] {
            try both(["member", "show", email, "--json"])
        }
        #expect(try Self.member(sandbox, "member0@example.org", environment)["status"] as? String == "bounced")
        #expect(try Self.member(sandbox, "member2@example.org", environment)["status"] as? String == "unsubscribed")
        for output in outputs { #expect(!output.contains(server.password)) }
    }

    @Test(.timeLimit(.minutes(4)), .enabled(if: DovecotServer.isInstalled, "dovecot-imapd is not installed (scripts/install-deps.sh test)"))
    func bounceFetchAndRelaisdReadTheMailboxIntoPostgres() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let imap = try DovecotServer()
        let installation = try BounceMailboxInstallation(imap: imap)
        let harness = installation.harness
        func dsn(_ member: String) -> [UInt8] { installation.dsn(member) }
        let environment = try Self.moveToPostgres(harness.sandbox, server).environment

        // relaisctl bounce fetch reads it once into PostgreSQL.
        _ = try imap.deliver(dsn("member1@example.org"))
        let fetched = try harness.sandbox.ctl(["bounce", "fetch"], environment: environment)
        #expect(fetched.status == 0 && fetched.stdout == "1 bounced, 0 soft, 0 complaints, 0 unsubscribed, 0 left for humans\n", "\(fetched.stdout) \(fetched.stderr)")
        #expect(try Self.member(harness.sandbox, "member1@example.org", environment)["status"] as? String == "bounced")

        // relaisd reads it by itself.
        let daemon = try harness.startDaemon(environment: environment)
        defer { daemon.stop(signal: SIGKILL) }
        try #require(daemon.waitForLine(timeout: 30) { $0.contains("bounce mailbox read:") } != nil, "\(DaemonHarness.tail(daemon))")
        let delivered = try imap.deliver(dsn("member0@example.org"))
        let bounced = try waitUntil(timeout: 30) {
            try Self.member(harness.sandbox, "member0@example.org", environment)["status"] as? String == "bounced"
        }
        #expect(bounced, "member0 was not bounced: \(DaemonHarness.tail(daemon))")
        let letter = try #require(imap.keywordLetter("$RelaisProcessed"))
        #expect(waitUntil(timeout: 10) { imap.maildirFlags(delivered)?.contains(letter) == true })
        let list = try harness.sandbox.ctl(["bounce", "list", "--json"], environment: environment)
        let records = (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]) ?? []
        #expect(records.compactMap { $0["member"] as? String } == ["member0@example.org", "member1@example.org"], "\(list.stdout)")
        #expect(try Self.member(harness.sandbox, "member0@example.org")["status"] as? String == "active", "the SQLite file is left behind")
        #expect(DaemonHarness.stop(daemon, signal: SIGTERM) == 0, "\(DaemonHarness.tail(daemon))")
        #expect(!daemon.stderr.joined().contains(imap.password) && !daemon.stderr.joined().contains(server.password))
    }
}

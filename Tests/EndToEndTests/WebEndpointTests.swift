import Foundation
import RelaisTestSupport
import Testing

/// relaisd with `web.listen` on a free loopback port, driven by a real HTTP client (curl):
/// the one-click link of a composed message, the pages, the error paths, /metrics and /healthz.
@Suite(.blocking, .serialized) struct WebEndpointTests {
    /// The public address the messages' links are built from; the tests send the same paths to
    /// the daemon's loopback port, as the reverse proxy would.
    static let base = "https://relais.test"

    /// A sandbox whose relaisd listens on port 0 (it logs the port it got), with members on two lists.
    static func sandbox() throws -> Sandbox {
        let sandbox = Sandbox(extraYAML: """
            web:
              listen: 127.0.0.1:0
              base_url: \(base)
            """)
        let csv = sandbox.directory.write("members.csv", """
            email,name,locale,lists
            ana@example.org,Ana,es,news;breakfast
            bea@example.org,Bea,fr,news
            """)
        let result = try sandbox.ctl(["member", "import", csv, "--create-lists"])
        guard result.status == 0 else { throw HarnessError("member import failed: \(result.stderr)") }
        return sandbox
    }

    /// Starts relaisd and returns it with the loopback address it answers on.
    static func start(_ sandbox: Sandbox) throws -> (RunningProcess, String) {
        let daemon = try RunningProcess(Binaries.relaisd, ["--config", sandbox.config], environment: Binaries.cleanEnvironment)
        guard let line = daemon.waitForLine({ $0.contains("web endpoint listening on 127.0.0.1:") }),
              let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        else {
            throw HarnessError("relaisd did not report its web port: \(daemon.stderr.suffix(10).joined(separator: "\n"))")
        }
        return (daemon, "http://127.0.0.1:\(port)")
    }

    static func newsletter(_ sandbox: Sandbox) throws {
        var data: [String] = []
        for locale in ["fr", "es"] {
            let file = sandbox.directory.write("news-\(locale).json", #"{"title": "News \#(locale)", "paragraphs": ["Hello."]}"#)
            data += ["--data", "\(locale)=\(file)"]
        }
        let result = try sandbox.ctl(["announce", "newsletter", "--list", "news"] + data)
        guard result.status == 0 else { throw HarnessError("announce failed: \(result.stderr)") }
    }

    /// The message files for `recipient` in the outbox.
    static func messages(_ sandbox: Sandbox, to recipient: String) throws -> [[UInt8]] {
        let outbox = sandbox.directory.file("var/outbox")
        return try FileManager.default.contentsOfDirectory(atPath: outbox).sorted().compactMap { name in
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: outbox + "/" + name)))
            return DaemonHarness.header("To", in: bytes)?.contains(recipient) == true ? bytes : nil
        }
    }

    static func member(_ sandbox: Sandbox, _ email: String) throws -> [String: Any] {
        let result = try sandbox.ctl(["member", "show", email, "--json"])
        guard result.status == 0, let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw HarnessError("member show failed: \(result.stderr)")
        }
        return object
    }

    @Test func oneClickFromAComposedMessageLeavesThatListOnly() throws {
        let sandbox = try Self.sandbox()
        try Self.newsletter(sandbox)
        #expect(try sandbox.runDaemonOnce().status == 0)
        let message = try #require(try Self.messages(sandbox, to: "ana@example.org").first)
        let header = try #require(DaemonHarness.header("List-Unsubscribe", in: message))
        #expect(DaemonHarness.header("List-Unsubscribe-Post", in: message) == "List-Unsubscribe=One-Click")
        let link = String(header.dropFirst().dropLast())
        #expect(link.hasPrefix(Self.base + "/u/"), "\(header)")

        let (daemon, address) = try Self.start(sandbox)
        defer { _ = DaemonHarness.stop(daemon, signal: SIGTERM) }
        let url = address + link.dropFirst(Self.base.count)
        let before = try Self.member(sandbox, "ana@example.org")

        // GET shows the page in her language, with the button, and changes nothing.
        let page = try WebClient.request("GET", url)
        #expect(page.status == 200)
        #expect(page.body.contains("<html lang=\"es\""))
        #expect(page.body.contains("name=\"List-Unsubscribe\" value=\"One-Click\""))
        #expect(!page.body.contains("<script"))
        for (name, value) in [
            ("referrer-policy", "no-referrer"), ("x-frame-options", "DENY"), ("cache-control", "no-store"),
        ] {
            #expect(page.headers[name] == value, "\(name)")
        }
        #expect(page.headers["content-security-policy"]?.contains("default-src 'none'") == true)
        #expect(page.headers["content-security-policy"]?.contains("script-src") != true)
        #expect(NSDictionary(dictionary: try Self.member(sandbox, "ana@example.org")).isEqual(to: before))

        // A wrong token or an unknown member: 404 with the neutral page, and nothing written.
        let wrongToken = url.replacingOccurrences(of: "/u/1-", with: "/u/1-0")
        for bad in [wrongToken, address + "/u/999-00000000000000000000000000000000/1", address + "/u/nonsense"] {
            let answer = try WebClient.request("POST", bad, body: "List-Unsubscribe=One-Click")
            #expect(answer.status == 404, "\(bad)")
            #expect(answer.headers["referrer-policy"] == "no-referrer")
        }
        #expect(NSDictionary(dictionary: try Self.member(sandbox, "ana@example.org")).isEqual(to: before))

        // The one-click POST: 200, twice (idempotent); she left "news" and stays on "breakfast".
        for _ in 0..<2 {
            #expect(try WebClient.request("POST", url, body: "List-Unsubscribe=One-Click").status == 200)
        }
        let after = try Self.member(sandbox, "ana@example.org")
        #expect(after["lists"] as? [String] == ["breakfast"])
        #expect(after["unsubscribed_lists"] as? [String] == ["news"])
        #expect(after["status"] as? String == "active")
        #expect(try Self.member(sandbox, "bea@example.org")["lists"] as? [String] == ["news"])
        let show = try sandbox.ctl(["member", "show", "ana@example.org"])
        #expect(show.stdout.contains("left-list news  (web)"), "\(show.stdout)")

        // The next announcement to the list skips her.
        try Self.newsletter(sandbox)
        let rows = try sandbox.ctl(["queue", "list", "--json"])
        let recipients = (try JSONSerialization.jsonObject(with: Data(rows.stdout.utf8)) as? [[String: Any]] ?? []).compactMap { $0["recipient"] as? String }
        #expect(recipients.filter { $0 == "ana@example.org" }.count == 1)
        #expect(recipients.filter { $0 == "bea@example.org" }.count == 2)
    }

    @Test func metricsParseAndHealthGoesStaleWhenTheHeartbeatCannotBeWritten() throws {
        let sandbox = try Self.sandbox()
        let (daemon, address) = try Self.start(sandbox)
        defer { _ = DaemonHarness.stop(daemon, signal: SIGTERM) }
        #expect(WebClient.waitForStatus(200, address + "/healthz"))
        _ = try WebClient.request("GET", address + "/u/nonsense")

        let metrics = try WebClient.request("GET", address + "/metrics")
        #expect(metrics.status == 200)
        let metricsFile = sandbox.directory.write("metrics.txt", metrics.body)
        let parsed = try ProcessRunner.python("scripts/parse-metrics.py", [metricsFile])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let families = Set(parsed.stdout.split(separator: "\n").map(String.init))
        for name in ["relais_queue_messages", "relais_queue_depth_messages", "relais_queue_oldest_age_seconds", "relais_http_requests"] {
            #expect(families.contains(name), "\(name) in \(families)")
        }

        // Another process holds the write lock: the heartbeat cannot be written, goes stale, 503.
        let holder = try RunningProcess("/usr/bin/env", [
            "python3", "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None); c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); import time; time.sleep(300)",
            sandbox.directory.file("var/relais.sqlite"),
        ])
        #expect(holder.waitForLine(onStdout: true) { $0 == "locked" } != nil)
        #expect(WebClient.waitForStatus(503, address + "/healthz", timeout: 60))
        let stale = try WebClient.request("GET", address + "/healthz")
        #expect(stale.body.contains("\"status\":\"unavailable\""))
        holder.stop(signal: SIGKILL)
        #expect(WebClient.waitForStatus(200, address + "/healthz", timeout: 60))
    }

    @Test func configCheckWantsAnHTTPSBaseURLWithTheListener() throws {
        let missing = Sandbox(extraYAML: "web:\n  listen: 127.0.0.1:8025")
        let result = try missing.ctl(["config", "check"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("web.base_url"), "\(result.stderr)")

        let plain = Sandbox(extraYAML: "web:\n  listen: 127.0.0.1:8025\n  base_url: http://relais.example.org")
        let refused = try plain.ctl(["config", "check"])
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("https://"), "\(refused.stderr)")

        let loopback = Sandbox(extraYAML: "web:\n  listen: 127.0.0.1:8025\n  base_url: http://127.0.0.1:8025")
        #expect(try loopback.ctl(["config", "check"]).status == 0)
    }
}

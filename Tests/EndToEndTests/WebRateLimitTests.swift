import Foundation
import RelaisTestSupport
import Testing

/// A client that keeps sending links with unknown tokens gets 429 with Retry-After; other
/// clients, and their good links, are not slowed down by it.
@Suite(.blocking, .serialized) struct WebRateLimitTests {
    @Test func badTokensFromOneClientAreSlowedDownAndNobodyElseIs() throws {
        let sandbox = Sandbox(extraYAML: """
            web:
              listen: 127.0.0.1:0
              base_url: \(WebEndpointTests.base)
              bad_token_limit: 3
              bad_token_window: 1m
            """)
        let csv = sandbox.directory.write("members.csv", "email,name,locale,lists\nana@example.org,Ana,es,news\n")
        try #require(try sandbox.ctl(["member", "import", csv, "--create-lists"]).status == 0)
        let key = try #require(try RSVPReminderTests.memberKeys(database: sandbox.directory.file("var/relais.sqlite"))["ana@example.org"])
        let (daemon, address) = try WebEndpointTests.start(sandbox)
        defer { _ = DaemonHarness.stop(daemon, signal: SIGTERM) }
        let good = address + "/u/\(key)/1"
        let bad = address + "/u/1-" + String(repeating: "0", count: 32) + "/1"
        // Behind the local reverse proxy, the client is the address the proxy appended last.
        let guesser = ["X-Forwarded-For: 10.9.9.9, 203.0.113.5"]
        let member = ["X-Forwarded-For: 198.51.100.7"]

        for _ in 0..<3 { #expect(try WebClient.request("POST", bad, body: "List-Unsubscribe=One-Click", headers: guesser).status == 404) }
        let limited = try WebClient.request("POST", bad, body: "List-Unsubscribe=One-Click", headers: guesser)
        #expect(limited.status == 429)
        let retry = Int(limited.headers["retry-after"] ?? "") ?? 0
        #expect(retry >= 1 && retry <= 60, "Retry-After: \(limited.headers["retry-after"] ?? "none")")
        #expect(limited.headers["referrer-policy"] == "no-referrer")
        #expect(limited.headers["cache-control"] == "no-store")
        // The limited client gets 429 even for a good link (no oracle for guesses), and a spoofed
        // first address does not help it: only the proxy's last one counts.
        #expect(try WebClient.request("GET", good, headers: guesser).status == 429)
        #expect(try WebClient.request("GET", good, headers: ["X-Forwarded-For: 198.51.100.7, 203.0.113.5"]).status == 429)

        // Another member, and a client without the header, are not affected.
        #expect(try WebClient.request("GET", good, headers: member).status == 200)
        #expect(try WebClient.request("GET", bad, headers: member).status == 404)
        #expect(try WebClient.request("GET", good).status == 200)
        // Nothing was written by the refused requests: Ana is still on her list.
        #expect(try WebEndpointTests.member(sandbox, "ana@example.org")["lists"] as? [String] == ["news"])
        // Operations endpoints are never limited.
        #expect(try WebClient.request("GET", address + "/healthz", headers: guesser).status != 429)
    }
}

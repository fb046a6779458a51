import Foundation
import RelaisTestSupport
import Testing

/// relaisd reads the bounce mailbox by itself every `bounces.poll_interval`, and a reload that
/// removes the `bounces` section stops it (a reload that puts it back starts it again at once).
@Suite(.blocking, .serialized, .enabled(if: DovecotServer.isInstalled, "dovecot-imapd is not installed (scripts/install-deps.sh test)"))
struct BounceDaemonTests {
    @Test(.timeLimit(.minutes(3)))
    func relaisdPollsTheMailboxAndAReloadWithoutBouncesStopsIt() throws {
        let imap = try DovecotServer()
        let installation = try BounceMailboxInstallation(imap: imap)
        let harness = installation.harness, bounces = installation.bounces
        func dsn(_ member: String) -> [UInt8] { installation.dsn(member) }
        func status(_ member: String) throws -> String? {
            let result = try harness.sandbox.ctl(["member", "show", member, "--json"])
            return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["status"] as? String
        }

        let daemon = try harness.startDaemon()
        defer { daemon.stop(signal: SIGKILL) }
        // The first pass has read the (empty) mailbox: anything delivered now is found by polling.
        try #require(daemon.waitForLine(timeout: 30) { $0.contains("bounce mailbox read:") } != nil, "\(DaemonHarness.tail(daemon))")
        let first = try imap.deliver(dsn("member0@example.org"))
        let bounced = try waitUntil(timeout: 30) { try status("member0@example.org") == "bounced" }
        #expect(bounced, "member0 was not bounced by relaisd's polling: \(DaemonHarness.tail(daemon))")
        let letter = try #require(imap.keywordLetter("$RelaisProcessed"))
        #expect(waitUntil(timeout: 10) { imap.maildirFlags(first)?.contains(letter) == true }, "flags: \(imap.maildirFlags(first) ?? "(gone)")")

        // Reload without the bounces section: the service says it stopped reading.
        let yaml = try String(contentsOfFile: harness.sandbox.config, encoding: .utf8)
        try #require(yaml.contains(bounces))
        harness.sandbox.directory.write("relais.yaml", yaml.replacingOccurrences(of: bounces, with: ""))
        kill(daemon.process.processIdentifier, SIGHUP)
        try #require(daemon.waitForLine(timeout: 30) { $0.contains("reloaded") } != nil, "\(DaemonHarness.tail(daemon))")
        try #require(daemon.waitForLine(timeout: 30) { $0.contains("the bounce mailbox is no longer read") } != nil, "\(DaemonHarness.tail(daemon))")
        let logins = imap.loginCount
        let second = try imap.deliver(dsn("member1@example.org"))
        // The honest bound for "nothing happens": the service logs that line when it sees the
        // new configuration at the top of its loop, after any pass in flight has ended, so no
        // pass started with the old settings can still be running. A service that went on
        // polling anyway would log in once per interval (1s) of the configuration it had; two
        // intervals give it that chance twice over. No login in that time (Dovecot logs each
        // one) is the evidence; the unflagged DSN and the still-active member are its effect.
        let loggedIn = waitUntil(timeout: 2) { imap.loginCount > logins }
        #expect(!loggedIn, "relaisd logged in to the mailbox after the reload: \(DaemonHarness.tail(daemon))")
        #expect(imap.maildirFlags(second) == "")
        #expect(try status("member1@example.org") == "active")

        // The control: the same DSN is processed as soon as a reload puts the section back
        // (the reload wakes the service; it does not wait out an interval).
        harness.sandbox.directory.write("relais.yaml", yaml)
        kill(daemon.process.processIdentifier, SIGHUP)
        let resumed = try waitUntil(timeout: 30) { try status("member1@example.org") == "bounced" }
        #expect(resumed, "the restored section did not resume the polling: \(DaemonHarness.tail(daemon))")
        #expect(daemon.stderr.filter { $0.contains("reading the bounce mailbox") }.count == 2, "\(DaemonHarness.tail(daemon))")
        #expect(!daemon.stderr.joined().contains(imap.password))
        #expect(DaemonHarness.stop(daemon, signal: SIGTERM) == 0)
    }
}

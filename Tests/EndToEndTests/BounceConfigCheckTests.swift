import Foundation
import RelaisTestSupport
import Testing

/// `config check` on the `bounces` section: each rule gives its exit code and one line naming
/// the key, the value (never a password) and what is expected.
@Suite(.blocking) struct BounceConfigCheckTests {
    /// A sandbox whose `bounces.imap` section has `imap` (indented under it) plus `extra` at the
    /// `bounces` level, and a password file `imap-password` (mode 0600) unless told otherwise.
    private func sandbox(imap: [String], extra: [String] = [], password: Bool = true) -> Sandbox {
        let sandbox = Sandbox(extraYAML: "bounces:\n  imap:\n" + imap.map { "    \($0)\n" }.joined() + extra.map { "  \($0)\n" }.joined())
        if password {
            sandbox.directory.write("imap-password", "imap-secret-4711\n")
            chmod(sandbox.directory.file("imap-password"), 0o600)
        }
        return sandbox
    }

    private let valid = ["url: imaps://mail.example.org/INBOX", "user: bounces", "password_file: imap-password"]

    /// Runs `config check`; expects `status` and exactly one line on stderr containing `line`.
    private func expectOneLine(_ sandbox: Sandbox, status: Int32, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try sandbox.ctl(["config", "check"])
        #expect(result.status == status, "\(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(line), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("imap-secret-4711") && result.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func aValidSectionPasses() throws {
        let result = try sandbox(imap: valid, extra: ["poll_interval: 1s", "soft_limit: 1"]).ctl(["config", "check"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test func aURLThatIsNotIMAPIsRefused() throws {
        try expectOneLine(sandbox(imap: ["url: pop3://mail.example.org/INBOX"] + valid.dropFirst()), status: 78,
            "bounces.imap.url: \"pop3://mail.example.org/INBOX\": expected imaps://host/MAILBOX or imap://host/MAILBOX, without user or password ('pop3://mail.example.org/INBOX' is not an imap:// or imaps:// URL)")
    }

    @Test func aURLWithAPasswordIsRefusedWithoutShowingIt() throws {
        let result = try sandbox(imap: ["url: imaps://bounces:imap-secret-4711@mail.example.org/INBOX"] + valid.dropFirst()).ctl(["config", "check"])
        #expect(result.status == 78)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("bounces.imap.url: \"imap(s)://…@mail.example.org\": expected"), "\(result.stderr)")
        #expect(!result.stderr.contains("imap-secret-4711"))
    }

    @Test func aMissingUserIsRefused() throws {
        try expectOneLine(sandbox(imap: [valid[0], valid[2]]), status: 78,
            "bounces.imap.user: expected the IMAP login name, since bounces.imap.url is set")
    }

    @Test func aMissingPasswordFileIsRefused() throws {
        let sandbox = sandbox(imap: valid, password: false)
        try expectOneLine(sandbox, status: 78,
            "bounces.imap.password_file: \"\(sandbox.directory.file("imap-password"))\": expected a readable UTF-8 file holding the IMAP password")
    }

    @Test func anUnreadablePasswordFileIsRefused() throws {
        let sandbox = sandbox(imap: valid)
        let file = sandbox.directory.file("imap-password")
        chmod(file, 0o000)
        let result: ProcessResult
        if getuid() == 0 {
            // root reads any file: check as nobody, who may read the configuration but not the password.
            chmod(sandbox.directory.path, 0o755)
            chmod(sandbox.config, 0o644)
            chmod(sandbox.directory.file("var"), 0o755)
            chmod(sandbox.directory.file("var/outbox"), 0o777)
            result = try ProcessRunner.run(
                "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", Binaries.relaisctl, "config", "check", "--config", sandbox.config],
                environment: Binaries.cleanEnvironment)
        } else {
            result = try sandbox.ctl(["config", "check"])
        }
        #expect(result.status == 78, "\(result.status): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("bounces.imap.password_file: \"\(file)\": expected a readable UTF-8 file holding the IMAP password"),
                "\(result.stderr)")
    }

    @Test func anEmptyPasswordFileIsRefused() throws {
        let sandbox = sandbox(imap: valid)
        sandbox.directory.write("imap-password", "\n")
        chmod(sandbox.directory.file("imap-password"), 0o600)
        try expectOneLine(sandbox, status: 78,
            "bounces.imap.password_file: \"\(sandbox.directory.file("imap-password"))\": expected a file holding the IMAP password (it is empty)")
    }

    @Test func aPasswordFileEveryoneCanReadIsAWarning() throws {
        let sandbox = sandbox(imap: valid)
        let file = sandbox.directory.file("imap-password")
        chmod(file, 0o644)
        try expectOneLine(sandbox, status: 0,
            "relaisctl: warning: bounces.imap.password_file: \"\(file)\": expected a file other users cannot read (mode 0644; chmod 0640 and chgrp relais)")
        chmod(file, 0o640)
        let tight = try sandbox.ctl(["config", "check"])
        #expect(tight.status == 0 && tight.stderr.isEmpty, "\(tight.stderr)")
    }

    @Test func anIntervalThatIsNotADurationIsRefused() throws {
        try expectOneLine(sandbox(imap: valid, extra: ["poll_interval: 5 minutes"]), status: 78,
            "bounces.poll_interval: \"5 minutes\": expected a duration such as 90s, 5m, 4h or 5d (write \"5 minutes\" as 5m)")
    }

    /// The deprecated name is still read; config check names the key to write instead.
    @Test func theOldIntervalKeyStillLoadsWithANotice() throws {
        try expectOneLine(sandbox(imap: valid + ["interval: 1s"]), status: 0,
            "relaisctl: notice: bounces.imap.interval (relais.yaml:")
        let result = try sandbox(imap: valid + ["interval: 1s"]).ctl(["config", "check"])
        #expect(result.stderr.hasSuffix("is deprecated: write bounces.poll_interval instead\n"), "\(result.stderr)")
    }

    /// A bad value under the old name is reported under the name written.
    @Test func aBadValueUnderTheOldKeyNamesIt() throws {
        try expectOneLine(sandbox(imap: valid + ["interval: 5 minutes"]), status: 78,
            "bounces.imap.interval: \"5 minutes\": expected a duration such as 90s")
    }

    @Test func aZeroIntervalIsRefused() throws {
        try expectOneLine(sandbox(imap: valid, extra: ["poll_interval: 0s"]), status: 78,
            "bounces.poll_interval: \"0s\": expected a duration longer than 0s, such as 30s or 5m")
    }

    @Test func aSoftLimitBelowOneIsRefused() throws {
        try expectOneLine(sandbox(imap: valid, extra: ["soft_limit: 0"]), status: 78,
            "bounces.soft_limit: \"0\": expected an integer ≥ 1")
    }

    @Test func anUnknownTLSPolicyIsRefused() throws {
        try expectOneLine(sandbox(imap: valid + ["tls: starttls"]), status: 78,
            "bounces.imap.tls: \"starttls\": expected one of required, opportunistic, none")
    }

    @Test func anUnreadableCAFileIsRefused() throws {
        let sandbox = sandbox(imap: valid + ["ca_file: no-such-ca.pem"])
        try expectOneLine(sandbox, status: 78,
            "bounces.imap.ca_file: \"\(sandbox.directory.file("no-such-ca.pem"))\": expected a readable PEM file")
    }
}

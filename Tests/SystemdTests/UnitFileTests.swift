import Foundation
import RelaisTestSupport
import Testing

@Suite("systemd/relaisd.service", .blocking)
struct UnitFileTests {
    private let unit = SystemdTool.shipped("relaisd.service")

    @Test("declares the service contract of docs/architecture.md")
    func contract() throws {
        let file = try UnitFile(contentsOf: unit)
        #expect(file.value("Type") == "notify")
        #expect(file.value("NotifyAccess") == "main")
        #expect(file.value("ExecStart") == "/usr/local/bin/relaisd --config /etc/relais/relais.yaml")
        #expect(file.value("ExecReload") == "/bin/kill -HUP $MAINPID")
        #expect(file.value("WatchdogSec") == "30s")
        #expect(file.value("Restart") == "on-failure")
        #expect(file.value("TimeoutStopSec") != nil)
        #expect(file.value("User") == "relais")
        #expect(file.value("Group") == "relais")
        #expect(file.value("StateDirectory") == "relais")
        #expect(file.value("ConfigurationDirectory") == "relais")
        #expect(file.values("LoadCredential") == [
            "smtp-password:/etc/relais/smtp-password", "dkim-key:/etc/relais/dkim-key", "imap-password:/etc/relais/imap-password",
        ])
        #expect(file.value("UMask") == "0007")
        #expect(file.value("WantedBy", in: "Install") == "multi-user.target")
    }

    @Test("the sandbox leaves what relaisd needs: outbound TCP, unix sockets, its files")
    func sandboxLeavesWhatIsNeeded() throws {
        let file = try UnitFile(contentsOf: unit)
        let families = Set(file.values("RestrictAddressFamilies").flatMap { $0.split(separator: " ").map(String.init) })
        #expect(families == ["AF_UNIX", "AF_INET", "AF_INET6"])
        // The relay can be anywhere: no network namespace, no IP address filter.
        #expect(file.value("PrivateNetwork") == nil)
        #expect(file.values("IPAddressDeny").isEmpty)
        #expect(file.values("IPAddressAllow").isEmpty)
        // /etc/relais and the templates are read through ProtectSystem=strict; nothing hides them.
        #expect(file.value("ProtectSystem") == "strict")
        for hiding in ["InaccessiblePaths", "TemporaryFileSystem", "RootDirectory", "RootImage"] {
            #expect(file.values(hiding).isEmpty, "\(hiding) would hide files relaisd reads")
        }
    }

    @Test("the state directory mode agrees with tmpfiles.d")
    func stateDirectoryModeMatchesTmpfiles() throws {
        let file = try UnitFile(contentsOf: unit)
        let mode = try #require(file.value("StateDirectoryMode"))
        let tmpfiles = try String(contentsOf: SystemdTool.shipped("relais.tmpfiles.conf"), encoding: .utf8)
        let stateLine = try #require(
            tmpfiles.split(separator: "\n")
                .map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
                .first { $0.count >= 5 && $0[0] == "d" && $0[1] == "/var/lib/relais" })
        #expect(stateLine[2] == mode)
        #expect(stateLine[3] == file.value("User"))
        #expect(stateLine[4] == file.value("Group"))
    }

    /// The web endpoint (web.listen) needs nothing more from the unit: it binds an unprivileged
    /// port with the address families already allowed, so the score holds with the listener on.
    @Test("systemd-analyze security rates the exposure 1.2 or lower, listener and credentials included", .enabled(if: SystemdTool.hasAnalyze))
    func exposure() throws {
        let output = try SystemdTool.run("systemd-analyze", ["security", "--offline=true", "--no-pager", unit.path])
        #expect(output.status == 0, "\(output.text)")
        let marker = "Overall exposure level for relaisd.service:"
        let line = try #require(output.lines.first { $0.contains(marker) }, "\(output.text)")
        let number = line.components(separatedBy: marker)[1].split(separator: " ").first.map(String.init)
        let exposure = try #require(number.flatMap(Double.init), "\(line)")
        #expect(exposure <= 1.2, "\(line)")
    }

    @Test("systemd-analyze verify finds nothing wrong with the unit", .enabled(if: SystemdTool.hasAnalyze))
    func verify() throws {
        let output = try verifyCopy { $0 }
        #expect(output.problems.isEmpty, "\(output.problems)")
        #expect(output.status == 0, "\(output.text)")
    }

    @Test("the verify check is not blind: it reports a misspelt setting and a missing binary",
          .enabled(if: SystemdTool.hasAnalyze))
    func verifyDetectsMistakes() throws {
        let misspelt = try verifyCopy { $0.replacingOccurrences(of: "ProtectSystem=strict", with: "ProtectSytem=strict") }
        #expect(misspelt.problems.contains { $0.contains("ProtectSytem") }, "\(misspelt.text)")
        let missing = try verifyCopy { $0.replacingOccurrences(of: "/bin/true ", with: "/nonexistent/relaisd ") }
        #expect(!missing.problems.isEmpty, "\(missing.text)")
    }

    /// `verify`'s output and the lines of it that concern relaisd.service.
    struct Verification {
        let status: Int32
        let text: String
        let problems: [String]
    }

    /// Verifies a copy of the unit whose ExecStart runs /bin/true (verify checks the binary exists),
    /// after `edit`, and keeps the lines that name relaisd.service.
    private func verifyCopy(_ edit: (String) -> String) throws -> Verification {
        let scratch = TemporaryDirectory("relais-verify")
        defer { withExtendedLifetime(scratch) {} }
        let directory = URL(fileURLWithPath: scratch.path)
        let original = try String(contentsOf: unit, encoding: .utf8)
        let pointed = original.replacingOccurrences(
            of: "ExecStart=/usr/local/bin/relaisd ", with: "ExecStart=/bin/true ")
        try #require(pointed != original, "ExecStart= no longer starts /usr/local/bin/relaisd")
        let copy = directory.appendingPathComponent("relaisd.service")
        try edit(pointed).write(to: copy, atomically: true, encoding: .utf8)
        let output = try SystemdTool.run("systemd-analyze", ["verify", "--man=no", copy.path])
        return Verification(
            status: output.status, text: output.text,
            problems: output.lines.filter { $0.contains("relaisd.service") })
    }
}

import Foundation
import RelaisTestSupport
import Testing

/// The package under test: `RELAIS_DEB`, which `make test-deb` sets after `make deb`.
enum BuiltPackage {
    /// Its path, or nil when the variable is unset or empty.
    static var path: String? { ProcessInfo.processInfo.environment["RELAIS_DEB"].flatMap { $0.isEmpty ? nil : $0 } }

    /// Whether this machine lets root make a private mount namespace (`unshare --mount`), which
    /// running the installed programs inside the throwaway root needs; a container without
    /// CAP_SYS_ADMIN does not.
    static let canEnterRoot: Bool = {
        guard getuid() == 0, let result = try? ProcessRunner.run("/usr/bin/unshare", ["--mount", "--propagation", "private", "/bin/true"])
        else { return false }
        return result.status == 0
    }()
}

/// The Debian package `make deb` builds, installed into a fresh root: what it installs, that the
/// installed programs run and find their files, that it upgrades over itself keeping the
/// administrator's files, and that purge leaves nothing outside what Debian policy allows.
///
/// `make test-deb` builds the package and sets `RELAIS_DEB` to it; without it (plain `make test`,
/// which does not build release binaries) these tests are skipped. They need root, as `dpkg` does.
@Suite(.blocking, .serialized, .enabled(
    if: BuiltPackage.path != nil && BuiltPackage.canEnterRoot,
    "needs RELAIS_DEB=path/to/relais_*.deb (make test-deb), root, and a private mount namespace (unshare --mount)"))
struct PackageTests {
    static var deb: String? { BuiltPackage.path }

    /// The package's `Version` field, e.g. `0.1.0-1`.
    static func version(_ deb: String) throws -> String {
        try ProcessRunner.run("/usr/bin/dpkg-deb", ["--field", deb, "Version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func lintianReportsNoErrors() throws {
        let deb = try #require(Self.deb)
        let result = try ProcessRunner.run("/usr/bin/lintian", ["--fail-on", "error", deb])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("E: ") }, "\(result.stdout)")
    }

    @Test func installRunUpgradeRemoveAndPurgeInAFreshRoot() throws {
        let deb = try #require(Self.deb)
        let root = try DebianRoot()
        let before = root.paths()

        let installed = try root.dpkg(["--install", deb])
        #expect(installed.status == 0, "\(installed.stderr)")
        try expectInstalled(root)

        // The installed programs, their version, their man pages.
        let version = try Self.version(deb)
        let upstream = String(version[..<(version.lastIndex(of: "-") ?? version.endIndex)])
        let ctl = try ProcessRunner.run(root.file("usr/bin/relaisctl"), ["--version"])
        #expect(ctl.status == 0 && ctl.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == upstream, "\(ctl.stdout) \(version)")
        let manPath = ["MANPATH": root.file("usr/share/man")]
        for (section, page, file) in [("1", "relaisctl", "man1/relaisctl.1.gz"), ("8", "relaisd", "man8/relaisd.8.gz"), ("5", "relais.yaml", "man5/relais.yaml.5.gz")] {
            let found = try ProcessRunner.run("/usr/bin/man", ["-w", section, page], environment: Binaries.cleanEnvironment.merging(manPath) { $1 })
            #expect(found.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == root.file("usr/share/man/\(file)"), "\(page): \(found.stdout) \(found.stderr)")
        }

        // The shipped configuration says what to fill in: the sender, nothing else.
        let unfilled = try ProcessRunner.run(root.file("usr/bin/relaisctl"), ["config", "check", "--config", root.file("etc/relais/relais.yaml")],
                                             environment: Binaries.cleanEnvironment)
        #expect(unfilled.status == 78)
        let lines = unfilled.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(unfilled.stderr)")
        #expect(lines.first { $0.contains("sender.from: expected a value (this key is required)") }?.contains("relais.yaml:") == true, "\(unfilled.stderr)")
        #expect(lines.contains { $0.contains("sender.organization: expected a value (this key is required)") }, "\(unfilled.stderr)")
        let conffile = try String(contentsOfFile: root.file("etc/relais/relais.yaml"), encoding: .utf8)
        #expect(conffile.contains("Fill in sender.from and sender.organization"))

        // Filled in, inside the root (its paths as installed): the check passes, the templates
        // check, and relaisctl creates the database in the state directory tmpfiles.d made.
        let filled = ["RELAIS_SENDER_FROM": "Relais test <test@example.org>", "RELAIS_SENDER_ORGANIZATION": "Relais test"]
        let check = try root.run(["/usr/bin/relaisctl", "config", "check"], environment: filled)
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check.stderr)")
        let templates = try root.run(["/usr/bin/relaisctl", "templates", "check"], environment: filled)
        #expect(templates.status == 0, "\(templates.stdout)\(templates.stderr)")
        let member = try root.run(["/usr/bin/relaisctl", "member", "add", "ana@example.org", "--name", "Ana", "--locale", "es"], environment: filled)
        #expect(member.status == 0, "\(member.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.file("var/lib/relais/relais.sqlite")))
        let daemon = try root.run(["/usr/sbin/relaisd", "--version"])
        #expect(daemon.status == 0 && daemon.stdout.contains(upstream), "\(daemon.stdout)\(daemon.stderr)")

        // Over itself: the administrator's configuration and password stay.
        let edited = conffile.replacingOccurrences(of: "from: \"\"", with: "from: \"Relais test <test@example.org>\"")
        try edited.write(toFile: root.file("etc/relais/relais.yaml"), atomically: false, encoding: .utf8)
        try "s3cret\n".write(toFile: root.file("etc/relais/smtp-password"), atomically: false, encoding: .utf8)
        let upgraded = try root.dpkg(["--install", deb])
        #expect(upgraded.status == 0, "\(upgraded.stderr)")
        #expect(try String(contentsOfFile: root.file("etc/relais/relais.yaml"), encoding: .utf8) == edited)
        #expect(try String(contentsOfFile: root.file("etc/relais/smtp-password"), encoding: .utf8) == "s3cret\n")

        // remove keeps the data and the configuration; purge removes both.
        let removed = try root.dpkg(["--remove", "relais"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.file("usr/bin/relaisctl")))
        #expect(FileManager.default.fileExists(atPath: root.file("var/lib/relais/relais.sqlite")))
        #expect(FileManager.default.fileExists(atPath: root.file("etc/relais/relais.yaml")))
        let afterRemove = Self.added(root.paths(), since: before)
        #expect(afterRemove.filter { !$0.hasPrefix("var/lib/relais") && !$0.hasPrefix("etc/relais") }.isEmpty, "\(afterRemove.sorted())")

        let purged = try root.dpkg(["--purge", "relais"])
        #expect(purged.status == 0, "\(purged.stderr)")
        #expect(Self.added(root.paths(), since: before).isEmpty, "left behind: \(Self.added(root.paths(), since: before).sorted())")
    }

    /// What the package put where, with the modes and owners the maintainer scripts gave.
    func expectInstalled(_ root: DebianRoot) throws {
        let files = FileManager.default
        for path in [
            "usr/bin/relaisctl", "usr/sbin/relaisd", "usr/share/relais/templates/meetup-reminder/fr.mustache",
            "usr/share/relais/relais.example.yaml", "etc/relais/relais.yaml", "usr/lib/systemd/system/relaisd.service",
            "usr/lib/sysusers.d/relais.conf", "usr/lib/tmpfiles.d/relais.conf", "usr/share/bash-completion/completions/relaisctl",
            "usr/share/zsh/vendor-completions/_relaisctl", "usr/share/fish/vendor_completions.d/relaisctl.fish",
            "usr/share/doc/relais/copyright", "usr/share/doc/relais/changelog.Debian.gz",
        ] {
            #expect(files.fileExists(atPath: root.file(path)), "\(path)")
        }
        let unit = try String(contentsOfFile: root.file("usr/lib/systemd/system/relaisd.service"), encoding: .utf8)
        #expect(unit.contains("\nExecStart=/usr/sbin/relaisd --config /etc/relais/relais.yaml\n"))
        let example = try String(contentsOfFile: root.file("etc/relais/relais.yaml"), encoding: .utf8)
        #expect(example.contains("directory: /usr/share/relais/templates"))
        let passwd = try String(contentsOfFile: root.file("etc/passwd"), encoding: .utf8)
        let user = try #require(passwd.split(separator: "\n").first { $0.hasPrefix("relais:") }?.split(separator: ":", omittingEmptySubsequences: false))
        let state = try files.attributesOfItem(atPath: root.file("var/lib/relais"))
        #expect((state[.posixPermissions] as? Int) == 0o2770)
        #expect((state[.ownerAccountID] as? Int).map(String.init) == String(user[2]))
        let password = try files.attributesOfItem(atPath: root.file("etc/relais/smtp-password"))
        #expect((password[.posixPermissions] as? Int) == 0o600)
    }

    /// Paths in `now` that were not in `before`, leaving out dpkg's own database and log, and the
    /// user database's backups: the `relais` user stays after purge, as Debian does with system users.
    static func added(_ now: Set<String>, since before: Set<String>) -> Set<String> {
        let userDatabase: Set<String> = ["etc/passwd-", "etc/group-", "etc/shadow-", "etc/gshadow-", "etc/.pwd.lock"]
        return now.subtracting(before).filter { !$0.hasPrefix("var/lib/dpkg/") && !$0.hasPrefix("var/log/") && !userDatabase.contains($0) }
    }
}

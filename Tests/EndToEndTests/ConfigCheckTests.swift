import Foundation
import RelaisTestSupport
import Testing

/// `config check` refuses first what relaisd and relaisctl would refuse when they run.
@Suite(.blocking) struct ConfigCheckTests {
    private func check(_ yaml: String) throws -> ProcessResult {
        try Sandbox(extraYAML: yaml).ctl(["config", "check"])
    }

    @Test func aURLWithUserInformationIsRefusedWithoutShowingThePassword() throws {
        let result = try check("""
            delivery:
              transport: smtp
              smtp:
                url: smtp://ana:s3cret@relay.example.org:587
                tls: required
            """)
        #expect(result.status == 78)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("delivery.smtp.url") && result.stderr.contains("delivery.smtp.username"))
        #expect(!result.stderr.contains("s3cret") && !result.stderr.contains("ana"))
    }

    @Test func anUnknownLanguageInSenderLocalesIsRefused() throws {
        let sandbox = Sandbox()
        let yaml = try String(contentsOfFile: sandbox.config, encoding: .utf8).replacingOccurrences(of: "[fr, en, es, de]", with: "[fr, en, xx]")
        sandbox.directory.write("relais.yaml", yaml)
        let result = try sandbox.ctl(["config", "check"])
        #expect(result.status == 78)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("sender.locales: \"xx\": expected a known ISO 639 language code"))
    }

    @Test func aDurationInWordsGivesOneLineWithTheWayToWriteIt() throws {
        let result = try check("""
            delivery:
              transport: file
              file:
                directory: var/outbox
              smtp:
                timeout: 10 minutes
            """)
        #expect(result.status == 78)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("delivery.smtp.timeout: \"10 minutes\": expected a duration such as 90s, 5m, 4h or 5d (write \"10 minutes\" as 10m)"))
    }

    /// A link to a page outside relaisd, which no Relais command or page lets act on the token,
    /// is a warning (exit 0) naming web.base_url; with web.base_url the messages link to relaisd
    /// instead, and nothing is said. relaisd logs the same warning when it starts.
    @Test func anUnsubscribeURLWithoutTheWebEndpointIsAWarning() throws {
        let external = Sandbox(extraYAML: "  unsubscribe_url: https://mompreneurs.example/desinscription/{token}")
        let warned = try external.ctl(["config", "check"])
        #expect(warned.status == 0, "\(warned.stderr)")
        let lines = warned.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(warned.stderr)")
        #expect(lines.first?.hasPrefix("relaisctl: warning: sender.unsubscribe_url: \"https://mompreneurs.example/desinscription/{token}\": expected web.base_url") == true, "\(warned.stderr)")
        let daemon = try external.runDaemonOnce()
        #expect(daemon.status == 0, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("<4>sender.unsubscribe_url: "), "\(daemon.stderr)")

        let served = Sandbox(extraYAML: "  unsubscribe_url: https://mompreneurs.example/desinscription/{token}\nweb:\n  base_url: https://relais.mompreneurs.example")
        let quiet = try served.ctl(["config", "check"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
    }

    @Test func anUnknownScheduleTimezoneIsRefused() throws {
        let result = try check("schedule:\n  timezone: Europe/Bruxelles")
        #expect(result.status == 78)
        #expect(result.stderr.contains("schedule.timezone: \"Europe/Bruxelles\": expected an IANA time zone"))
    }

    @Test func aDirectoryAtStorePathIsRefusedByCheckAndByEveryCommand() throws {
        let sandbox = Sandbox()
        try FileManager.default.createDirectory(atPath: sandbox.directory.file("var/relais.sqlite"), withIntermediateDirectories: true)
        let checked = try sandbox.ctl(["config", "check"])
        #expect(checked.status == 78)
        #expect(checked.stderr.split(separator: "\n").count == 1 && checked.stderr.contains("store.path") && checked.stderr.contains("directory"))
        let listed = try sandbox.ctl(["member", "list"])
        #expect(listed.status == 78 && listed.stderr.contains("it is a directory"), "\(listed.stderr)")
    }

    @Test func anUnrelatedSQLiteFileIsRefusedAndLeftByteForByteUnchanged() throws {
        let sandbox = Sandbox()
        let path = sandbox.directory.file("var/relais.sqlite")
        let made = try ProcessRunner.run("/usr/bin/python3", ["-c", """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1]); db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
            db.execute("INSERT INTO notes (text) VALUES ('keep me')"); db.commit(); db.close()
            """, path])
        #expect(made.status == 0, "\(made.stderr)")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let checked = try sandbox.ctl(["config", "check"])
        #expect(checked.status == 78)
        #expect(checked.stderr.contains("store.path") && checked.stderr.contains("tables notes"), "\(checked.stderr)")
        for command in [["member", "list"], ["status"], ["member", "add", "a@example.org", "--name", "A", "--locale", "fr"]] {
            let result = try sandbox.ctl(command)
            #expect(result.status == 78, "\(command): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("not a Relais database"))
        }
        let daemon = try sandbox.runDaemonOnce()
        #expect(daemon.status == 78)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aRelaisDatabaseIsMarkedWithItsApplicationID() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.ctl(["member", "list"]).status == 0)
        let id = try ProcessRunner.run("/usr/bin/python3", ["-c", """
            import sqlite3, sys
            print(sqlite3.connect(sys.argv[1]).execute("PRAGMA application_id").fetchone()[0])
            """, sandbox.directory.file("var/relais.sqlite")])
        #expect(id.stdout == "\(0x5245_4C53)\n")
        #expect(try sandbox.ctl(["config", "check"]).status == 0)
    }

    @Test func aPasswordFileReadableByOthersIsAWarningOnly() throws {
        let sandbox = Sandbox(extraYAML: """
            delivery:
              transport: smtp
              smtp:
                url: smtp://relay.example.org:587
                username: ana
                password_file: secret
            """)
        let secret = sandbox.directory.write("secret", "pw\n")
        chmod(secret, 0o644)
        let loose = try sandbox.ctl(["config", "check"])
        #expect(loose.status == 0)
        #expect(loose.stderr == "relaisctl: warning: delivery.smtp.password_file: \"\(secret)\": expected a file other users cannot read (mode 0644; chmod 0640 and chgrp relais)\n")
        chmod(secret, 0o640)
        let tight = try sandbox.ctl(["config", "check"])
        #expect(tight.status == 0 && tight.stderr.isEmpty)
    }

    @Test func aReadOnlyDatabaseExits77() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.ctl(["member", "list"]).status == 0)
        let database = sandbox.directory.file("var/relais.sqlite")
        let result: ProcessResult
        if getuid() == 0 {
            // root may write anything: run as nobody, who may read the file but not write it.
            chmod(sandbox.directory.path, 0o755)
            chmod(sandbox.directory.file("var"), 0o755)
            chmod(database, 0o644)
            result = try ProcessRunner.run(
                "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", Binaries.relaisctl, "member", "list", "--config", sandbox.config],
                environment: Binaries.cleanEnvironment)
        } else {
            chmod(database, 0o444)
            result = try sandbox.ctl(["member", "list"])
        }
        #expect(result.status == 77, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("permission denied"))
    }

    @Test func aJSONDataErrorNamesLineAndColumn() throws {
        let sandbox = Sandbox()
        let data = sandbox.directory.write("bad.json", "{\"title\": \"Lettre\",\n \"paragraphs\": [1,}\n")
        let result = try sandbox.ctl(["preview", "newsletter", "--locale", "fr", "--data", data])
        #expect(result.status == 65)
        #expect(result.stderr == "relaisctl: \(data):2:19: not valid JSON (invalid value)\n")
    }
}

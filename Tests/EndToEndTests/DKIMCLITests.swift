import Foundation
import RelaisTestSupport
import Testing

/// `relaisctl dkim keygen|check`, `config check` on DKIM keys, and what relaisd sends once signed.
@Suite(.blocking) struct DKIMCLITests {
    /// Runs keygen in `sandbox`; returns the printed DNS line.
    func keygen(_ sandbox: Sandbox, _ algorithm: String, selector: String, file: String, bits: String = "2048") throws -> String {
        let result = try sandbox.ctl([
            "dkim", "keygen", "--algorithm", algorithm, "--selector", selector, "--domain", "mompreneurs.example",
            "--out", sandbox.directory.file(file), "--bits", bits,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `sel._domainkey.dom. IN TXT "a" "b"` → (`sel._domainkey.dom`, `ab`).
    func record(_ line: String) -> (name: String, value: String) {
        let name = String(line.prefix { $0 != " " }).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        var value = "", inside = false
        for character in line {
            if character == "\"" { inside.toggle() } else if inside { value.append(character) }
        }
        return (name, value)
    }

    func sandbox(rsa: String = "rsa.pem", ed25519: String? = "ed.pem", domain: String = "mompreneurs.example") -> Sandbox {
        Sandbox(extraYAML: """
            dkim:
              domain: \(domain)
              selector: rsa2026
              private_key_file: \(rsa)
            """ + (ed25519.map { "\n  ed25519_selector: ed2026\n  ed25519_key_file: \($0)" } ?? ""))
    }

    @Test func keygenWritesA0600KeyPrintsItsRecordAndRefusesToOverwrite() throws {
        let sandbox = sandbox()
        let line = try keygen(sandbox, "rsa", selector: "rsa2026", file: "rsa.pem")
        #expect(line.hasPrefix("rsa2026._domainkey.mompreneurs.example. IN TXT \"v=DKIM1; k=rsa; p="))
        let mode = try FileManager.default.attributesOfItem(atPath: sandbox.directory.file("rsa.pem"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let before = try String(contentsOfFile: sandbox.directory.file("rsa.pem"), encoding: .utf8)
        let again = try sandbox.ctl([
            "dkim", "keygen", "--algorithm", "rsa", "--selector", "x", "--domain", "mompreneurs.example", "--out", sandbox.directory.file("rsa.pem"),
        ])
        #expect(again.status == 73)
        #expect(again.stderr.split(separator: "\n").count == 1 && again.stderr.contains("exists"))
        #expect(try String(contentsOfFile: sandbox.directory.file("rsa.pem"), encoding: .utf8) == before)
        #expect(!line.contains("PRIVATE") && !again.stderr.contains("PRIVATE"))
    }

    @Test func checkTellsWhetherARecordPublishesTheConfiguredKey() throws {
        let sandbox = sandbox()
        let rsaLine = try keygen(sandbox, "rsa", selector: "rsa2026", file: "rsa.pem")
        let edLine = try keygen(sandbox, "ed25519", selector: "ed2026", file: "ed.pem")
        #expect(try sandbox.ctl(["config", "check"]).status == 0)
        for line in [rsaLine, edLine] {
            let yes = try sandbox.ctl(["dkim", "check", "--txt", record(line).value])
            #expect(yes.status == 0, "\(yes.stderr)")
            #expect(yes.stdout.split(separator: "\n").count == 1 && yes.stdout.contains("matches"))
        }
        let other = Sandbox()
        let stranger = try keygen(other, "rsa", selector: "x", file: "x.pem")
        let no = try sandbox.ctl(["dkim", "check", "--txt", record(stranger).value])
        #expect(no.status == 1)
        #expect(no.stdout.split(separator: "\n").count == 1 && no.stdout.contains("does not match"))
    }

    @Test func configCheckRefusesAKeyThatDoesNotParseAMisalignedDomainAndASmallRSAKey() throws {
        let garbage = sandbox(ed25519: nil)
        garbage.directory.write("rsa.pem", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n")
        let refused = try garbage.ctl(["config", "check"])
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("dkim.private_key_file") && !refused.stderr.contains("bm90IGEga2V5"), "\(refused.stderr)")

        let missing = try sandbox(ed25519: nil).ctl(["config", "check"])
        #expect(missing.status == 78 && missing.stderr.contains("dkim.private_key_file"))

        let misaligned = sandbox(ed25519: nil, domain: "other.example")
        _ = try keygen(misaligned, "rsa", selector: "rsa2026", file: "rsa.pem")
        let notAligned = try misaligned.ctl(["config", "check"])
        #expect(notAligned.status == 78)
        #expect(notAligned.stderr.contains("dkim.domain: \"other.example\"") && notAligned.stderr.contains("mompreneurs.example"))

        let parent = sandbox(ed25519: nil, domain: "example")
        _ = try keygen(parent, "rsa", selector: "rsa2026", file: "rsa.pem")
        #expect(try parent.ctl(["config", "check"]).status == 78, "a bare TLD is no parent to align with")

        let small = sandbox(ed25519: nil)
        let openssl = try ProcessRunner.run("/usr/bin/openssl", ["genrsa", "-out", small.directory.file("rsa.pem"), "768"], environment: [:])
        #expect(openssl.status == 0, "\(openssl.stderr)")
        let tooSmall = try small.ctl(["config", "check"])
        #expect(tooSmall.status == 78 && tooSmall.stderr.contains("1024"), "\(tooSmall.stderr)")

        let weak = sandbox(ed25519: nil)
        _ = try keygen(weak, "rsa", selector: "rsa2026", file: "rsa.pem", bits: "1024")
        let warned = try weak.ctl(["config", "check"])
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stderr.contains("warning") && warned.stderr.contains("2048"))
    }

    @Test func relaisdSendsMessagesThatVerifyWithThePrintedRecords() throws {
        let sandbox = sandbox()
        let lines = [try keygen(sandbox, "rsa", selector: "rsa2026", file: "rsa.pem"), try keygen(sandbox, "ed25519", selector: "ed2026", file: "ed.pem")]
        #expect(try sandbox.ctl(["member", "import", Repository.path("config/members.sample.csv"), "--create-lists"]).status == 0)
        let data = sandbox.directory.write("n.json", #"{"title": "Lettre de mars", "paragraphs": ["Un", "Deux"]}"#)
        #expect(try sandbox.ctl(["announce", "newsletter", "--list", "mompreneurs-be", "--data", data, "--fallback"]).status == 0)
        #expect(try sandbox.runDaemonOnce().status == 0)
        #expect(try sandbox.runDaemonOnce().status == 0)
        let folder = sandbox.directory.file("var/outbox")
        let messages = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }
            .map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) }
        #expect(messages.count == 6)
        var records: [String: String] = [:]
        for line in lines { records[record(line).name] = record(line).value }
        let stub = [UInt8](try JSONSerialization.data(withJSONObject: records))
        let output = try PythonCheck.run("scripts/dkim-check.py", [stub] + messages, fileExtension: "eml")
        let results = try #require(try JSONSerialization.jsonObject(with: output) as? [[String: Any]])
        #expect(results.count == messages.count)
        for result in results { #expect(result["verified"] as? [Bool] == [true, true], "\(result)") }
    }
}

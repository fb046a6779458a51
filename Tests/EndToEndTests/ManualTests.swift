import Foundation
import RelaisTestSupport
import Testing

/// The man pages and the completion scripts come out of the built binaries.
@Suite(.blocking, .serialized) struct ManualTests {
    /// The pages `make man` writes for the binaries under test (generate-manual for relaisctl(1)
    /// and relaisd(8), `config keys --format man` for relais.yaml(5)), in a temporary folder.
    static func generatedPages() throws -> (TemporaryDirectory, ProcessResult) {
        let folder = TemporaryDirectory("relais-man")
        let make = try ProcessRunner.run("/usr/bin/make", [
            "--no-print-directory", "man", "RELEASE_DIR=\(Repository.binaries)", "GENERATED=\(folder.path)", "MAN_DATE=2026-11-30",
        ], directory: Repository.root)
        return (folder, make)
    }

    /// Every command name under `command` in `--experimental-dump-help`'s tree, with its path.
    static func subcommands(of command: [String: Any], path: [String] = []) -> [[String]] {
        (command["subcommands"] as? [[String: Any]] ?? []).flatMap { sub -> [[String]] in
            guard let name = sub["commandName"] as? String else { return [] }
            return [path + [name]] + subcommands(of: sub, path: path + [name])
        }
    }

    @Test func manPagesNameEverySubcommandAndRenderWithoutWarnings() throws {
        let (folder, make) = try Self.generatedPages()
        #expect(make.status == 0, "\(make.stdout)\(make.stderr)")
        for (binary, page) in [(Binaries.relaisctl, "man/relaisctl.1"), (Binaries.relaisd, "man/relaisd.8"), (Binaries.relaisctl, "man/relais.yaml.5")] {
            let file = folder.file(page)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            if page.hasSuffix(".5") { continue }
            let dump = try ProcessRunner.run(binary, ["--experimental-dump-help"])
            let tree = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
            let names = Self.subcommands(of: try #require(tree["command"] as? [String: Any]))
            if page == "man/relaisctl.1" {
                #expect(names.count > 30, "\(names)")
                for group in ["member", "list", "event", "announce", "queue", "preview", "templates", "config", "dkim", "status"] {
                    #expect(names.contains([group]), "\(group)")
                }
            }
            for path in names {
                // A command with aliases is listed as `.It Em "bounce, bounces"`.
                #expect(text.contains(".It Em \(path.last!)\n") || text.contains(".It Em \"\(path.last!), "),
                        "\(page) lacks \(path.joined(separator: " "))")
            }
            #expect(text.contains(".Sh SYNOPSIS") && text.contains(".Sh DESCRIPTION"), "\(page)")
        }
        for page in ["man/relaisctl.1", "man/relaisd.8", "man/relais.yaml.5"] {
            let rendered = try ProcessRunner.run("/usr/bin/man", ["--warnings", "-l", folder.file(page)],
                                                 environment: Binaries.cleanEnvironment.merging(["MANWIDTH": "80", "MAN_KEEP_FORMATTING": "0"]) { $1 })
            #expect(rendered.status == 0, "\(page): \(rendered.stderr)")
            #expect(rendered.stderr.isEmpty, "\(page) warns: \(rendered.stderr)")
            #expect(rendered.stdout.count > 1_000, "\(page)")
        }
    }

    @Test func configKeysManPageHasEveryKeyConfigCheckKnows() throws {
        let keys = try Binaries.ctl(["config", "keys", "--json"])
        let names = try #require(try JSONSerialization.jsonObject(with: Data(keys.stdout.utf8)) as? [[String: String]]).compactMap { $0["key"] }
        #expect(names.contains("schedule.timezone") && names.count > 30)
        let page = try Binaries.ctl(["config", "keys", "--format", "man", "--date", "2026-11-30"])
        #expect(page.status == 0 && page.stdout.hasPrefix(".TH RELAIS.YAML 5 \"2026-11-30\""))
        for name in names { #expect(page.stdout.contains(".B \(name)\n"), "\(name)") }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsKnowTheSubcommandsAndGlobalOptions(_ shell: String) throws {
        let script = try Binaries.ctl(["--generate-completion-script", shell])
        #expect(script.status == 0)
        // fish names options without their dashes (`'config=' 'q/quiet'`).
        let options = shell == "fish" ? ["'config='", "'q/quiet'", "'create-lists'"] : ["--config", "--quiet", "--create-lists"]
        for word in ["member", "list", "rename"] + options {
            #expect(script.stdout.contains(word), "\(shell): \(word)")
        }
    }
}

import Foundation
import RelaisTestSupport
import Testing

/// relais.yaml(5) and the completion scripts come out of the built binary.
@Suite struct ManualTests {
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

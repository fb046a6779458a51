import Foundation
import Relais
import RelaisTestSupport
import Testing

/// relais.yaml(5) and README's table are written from `SettingKey.all`: every key, no drift.
@Suite struct SettingKeyReferenceTests {
    @Test func theManualPageListsEveryKeyWithItsVariable() {
        let page = SettingKey.manualPage(date: "2026-11-30", version: "0.0.0")
        #expect(page.hasPrefix(".TH RELAIS.YAML 5 \"2026-11-30\""))
        for key in SettingKey.all {
            #expect(page.contains(".B \(key.name.replacingOccurrences(of: "-", with: "\\-"))\n"), "\(key.name) missing")
            #expect(page.contains("Environment: \\fB\(key.environmentVariable)\\fR."), "\(key.environmentVariable) missing")
        }
        #expect(page.contains("schedule.timezone"))
        // No line may start a roff request by accident.
        for line in page.split(separator: "\n") where line.hasPrefix(".") {
            #expect(["TH", "SH", "TP", "B", "I", "IR", "BR", "PP", "br"].contains(line.dropFirst().split(separator: " ").first.map(String.init) ?? ""), "\(line)")
        }
    }

    @Test func theReadmeTableIsTheGeneratedOne() throws {
        let readme = try String(contentsOfFile: Repository.path("README.md"), encoding: .utf8)
        #expect(readme.contains(SettingKey.markdownTable), "README's configuration table differs from `relaisctl config keys --format markdown`")
    }
}

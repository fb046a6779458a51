import Foundation
import Relais
import RelaisTestSupport
import Store
import Testing

@Suite struct MemberImportTests {
    let directory = TemporaryDirectory()
    let validator = MemberValidator(locales: ["fr", "en", "es", "de"])

    func importer() throws -> MemberImporter {
        MemberImporter(validator: validator, store: try RelaisStore(path: directory.file("relais.sqlite")))
    }

    @Test func quotedFieldsAccentsBOMAndCRLF() throws {
        let csv = "\u{FEFF}email,name,locale,lists\r\n"
            + "\"claire@example.fr\",\"Fontaine, Claire\",fr,\"a;b\"\r\n"
            + "lucia@example.es,Lucía Fernández,es-ES,b\r\n"
            + "\"said@example.org\",\"Saïd \"\"the boss\"\" Benali\",en,\r\n"
        let path = directory.write("members.csv", csv)
        let importer = try importer()
        let report = try importer.importFile(path, skipInvalid: false)
        #expect(report.summary.added == 3 && report.invalidRows.isEmpty && !report.aborted)
        let claire = try #require(try importer.sqlite.member(email: "claire@example.fr"))
        #expect(claire.member.name == "Fontaine, Claire")
        #expect(claire.lists == ["a", "b"])
        #expect(try importer.sqlite.member(email: "lucia@example.es")?.member.name == "Lucía Fernández")
        #expect(try importer.sqlite.member(email: "lucia@example.es")?.member.locale == "es-ES")
        #expect(try importer.sqlite.member(email: "said@example.org")?.member.name == "Saïd \"the boss\" Benali")
    }

    @Test func badRowsAreReportedWithLineNumbersAndNothingIsImported() throws {
        let csv = """
            email,name,locale,lists
            ok@example.be,Ok,fr,a
            not-an-address,Bad,fr,a
            it@example.it,Giulia,it,a
            "multi@example.be","Line
            Break",fr,a
            dup@example.be,Dup,fr,a
            DUP@example.be,Dup again,fr,a
            short@example.be,Short
            """
        let path = directory.write("members.csv", csv)
        let importer = try importer()
        let report = try importer.importFile(path, skipInvalid: false)
        #expect(report.aborted)
        let lines = report.invalidRows.map(\.description)
        #expect(lines.contains { $0.hasPrefix("members.csv:3: ") && $0.contains("not-an-address") })
        #expect(lines.contains { $0.hasPrefix("members.csv:4: ") && $0.contains("unsupported locale \"it\"") })
        #expect(lines.contains { $0.hasPrefix("members.csv:5: ") && $0.contains("control characters") })
        #expect(lines.contains { $0.hasPrefix("members.csv:8: ") && $0.contains("duplicate address") && $0.contains("line 7") })
        #expect(lines.contains { $0.hasPrefix("members.csv:9: ") && $0.contains("expected 4 fields, found 2") })
        #expect(report.invalidRows.count == 5)
        #expect(try importer.sqlite.members().isEmpty)
    }

    @Test func skipInvalidImportsTheRest() throws {
        let csv = "email,name,locale,lists\nok@example.be,Ok,fr,a\nbad,Bad,fr,a\nalso@example.de,Also,de,\n"
        let path = directory.write("members.csv", csv)
        let importer = try importer()
        let report = try importer.importFile(path, skipInvalid: true)
        #expect(!report.aborted && report.summary.added == 2 && report.invalidRows.count == 1)
        #expect(try importer.sqlite.members().map(\.member.email) == ["also@example.de", "ok@example.be"])
    }

    @Test func reimportUpdatesAndNeverDuplicates() throws {
        let importer = try importer()
        let first = directory.write("a.csv", "email,name,locale,lists\nana@example.es,Ana,es,x\n")
        let second = directory.write("b.csv", "email,name,locale,lists\nAna@Example.ES,Ana García,es-ES,y\n")
        _ = try importer.importFile(first, skipInvalid: false)
        let report = try importer.importFile(second, skipInvalid: false)
        #expect(report.summary.updated == 1 && report.summary.added == 0)
        let members = try importer.sqlite.members()
        #expect(members.count == 1)
        #expect(members[0].member.name == "Ana García" && members[0].lists == ["x", "y"])
    }

    @Test func headerProblems() throws {
        let importer = try importer()
        let unknown = directory.write("u.csv", "email,name,locale,phone\n")
        let error = #expect(throws: InputError.self) { try importer.importFile(unknown, skipInvalid: false) }
        #expect(error?.description == "u.csv:1: unknown column \"phone\" in the header; expected email,name,locale,lists")
        let unclosed = directory.write("q.csv", "email,name,locale\n\"a@b.c,x,fr\n")
        let syntax = #expect(throws: InputError.self) { try importer.importFile(unclosed, skipInvalid: false) }
        #expect(syntax?.description.hasPrefix("q.csv:2: ") == true)
        let missing = #expect(throws: InputError.self) { try importer.importFile(directory.file("none.csv"), skipInvalid: false) }
        #expect(missing?.exitCode == 66)
    }

    @Test func sampleFileImports() throws {
        let importer = try importer()
        let report = try importer.importFile(Repository.path("config/members.sample.csv"), skipInvalid: false)
        #expect(report.invalidRows.isEmpty && report.summary.added >= 12)
        let locales = Set(try importer.sqlite.members().map(\.member.locale))
        #expect(locales.isSuperset(of: ["fr", "fr-BE", "en", "es", "de"]))
        #expect(Set(try importer.sqlite.listNames()) == ["mompreneurs-be", "werein-partners"])
    }
}

extension MemberImporter {
    /// The SQLite store the tests' importer writes to.
    var sqlite: RelaisStore {
        get throws { try #require(store as? RelaisStore) }
    }
}

import Foundation
@testable import Templates
import Testing

/// `manifest.json`: what a kind declares, and what `templates check` says about a bad one.
@Suite struct ManifestTests {
    func manifest(_ json: String) throws(TemplateError) -> KindManifest {
        try KindManifest(json: Data(json.utf8), file: "x/manifest.json")
    }

    @Test func shippedKindsDeclareTheirBehaviour() throws {
        let catalog = try shippedCatalog()
        #expect(catalog.manifest(of: "newsletter") == KindManifest(audience: .lists, calendar: .none, listHeaders: true, bulk: true, requiredData: ["title", "paragraphs"]))
        #expect(catalog.manifest(of: "meetup-cancelled").calendar == .cancel)
        #expect(catalog.manifest(of: "meetup-changed").audience == .eventLists)
        #expect(catalog.manifest(of: "meetup-reminder").listHeaders)
        #expect(!catalog.manifest(of: "welcome").listHeaders && catalog.manifest(of: "welcome").audience == .member)
        for kind in catalog.kinds {
            #expect(FileManager.default.fileExists(atPath: shippedTemplates.appendingPathComponent("\(kind)/manifest.json").path), "\(kind)")
        }
    }

    @Test func defaultsFollowTheAudience() throws {
        #expect(try manifest("{}") == KindManifest())
        #expect(try manifest(#"{"audience": "member"}"#).listHeaders == false)
    }

    @Test func badManifestsAreRefusedNamingTheProblem() {
        let unknown = #expect(throws: TemplateError.self) { try manifest(#"{"audiance": "lists"}"#) }
        #expect(unknown?.description.contains("unknown key \"audiance\"") == true)
        let calendar = #expect(throws: TemplateError.self) { try manifest(#"{"calendar": "cancel"}"#) }
        #expect(calendar?.description.contains("needs an event") == true)
        let method = #expect(throws: TemplateError.self) { try manifest(#"{"audience": "event-lists", "calendar": "request"}"#) }
        #expect(method?.description.contains("expected one of none, publish, cancel") == true)
        let flag = #expect(throws: TemplateError.self) { try manifest(#"{"bulk": 1}"#) }
        #expect(flag?.description.contains("true or false") == true)
        #expect(throws: TemplateError.self) { try manifest("[]") }
    }

    @Test func checkReportsBadAndMissingManifests() throws {
        let scratch = try ScratchTemplates()
        defer { scratch.cleanup() }
        try scratch.write("meetup-cancelled/manifest.json", #"{"calendar": "cancel", "colour": "red"}"#)
        try FileManager.default.removeItem(at: scratch.directory.appendingPathComponent("welcome/manifest.json"))
        let problems = TemplateCatalog.check(directory: scratch.directory, locales: ["fr", "en", "es", "de"], defaultLocale: "fr")
        #expect(problems.contains { $0.file.hasSuffix("meetup-cancelled/manifest.json") && $0.message.contains("unknown key \"colour\"") && $0.severity == .error })
        #expect(problems.contains { $0.file.hasSuffix("welcome/manifest.json") && $0.message.contains("missing") && $0.severity == .warning })
    }
}

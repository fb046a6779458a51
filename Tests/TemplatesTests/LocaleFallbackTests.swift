import Foundation
import Testing
@testable import Templates

@Suite struct LocaleFallbackTests {
    @Test func chainGoesFromRegionToLanguageToDefault() {
        #expect(LocaleTag.fallbackChain("fr-BE", defaultLocale: "en") == ["fr-BE", "fr", "en"])
        #expect(LocaleTag.fallbackChain("fr_be", defaultLocale: "fr") == ["fr-BE", "fr"])
        #expect(LocaleTag.fallbackChain("DE", defaultLocale: "fr-BE") == ["de", "fr-BE", "fr"])
        #expect(LocaleTag.canonical("sr_latn_rs") == "sr-Latn-RS")
    }

    @Test func shippedCatalogResolvesRegionalAndUnknownLocales() throws {
        let catalog = try shippedCatalog()
        #expect(catalog.resolvedLocale(kind: "welcome", locale: "fr-BE") == "fr")
        #expect(catalog.resolvedLocale(kind: "welcome", locale: "es_ES") == "es")
        #expect(catalog.resolvedLocale(kind: "welcome", locale: "it-IT") == "fr")
        #expect(catalog.resolvedLocale(kind: "no-such-kind", locale: "fr") == nil)
        let message = try catalog.render(kind: "welcome", locale: "it", context: .sample(locale: "it"))
        #expect(message.locale == "fr")
        #expect(message.html.contains("lang=\"fr\""))
    }

    @Test func regionalFileWinsOverLanguageFile() throws {
        let scratch = try ScratchTemplates()
        defer { scratch.cleanup() }
        let original = try String(contentsOf: scratch.directory.appendingPathComponent("welcome/fr.mustache"), encoding: .utf8)
        try scratch.write("welcome/fr-BE.mustache", original.replacingOccurrences(of: "Bienvenue chez", with: "Bienvenue à bord de"))
        let catalog = try TemplateCatalog(directory: scratch.directory, locales: ["fr", "en"], defaultLocale: "en")
        #expect(catalog.resolvedLocale(kind: "welcome", locale: "fr-BE") == "fr-BE")
        #expect(catalog.resolvedLocale(kind: "welcome", locale: "fr-FR") == "fr")
        #expect(catalog.resolvedLocale(kind: "welcome", locale: "nl-BE") == "en")
        let belgian = try catalog.render(kind: "welcome", locale: "fr-BE", context: .sample(locale: "fr-BE"))
        #expect(belgian.locale == "fr-BE")
        #expect(belgian.subject.hasPrefix("Bienvenue à bord de"))
        let french = try catalog.render(kind: "welcome", locale: "fr-FR", context: .sample(locale: "fr-FR"))
        #expect(french.subject.hasPrefix("Bienvenue chez"))
    }

    @Test func unknownKindIsAnErrorNamingIt() throws {
        #expect(throws: TemplateError.self) {
            try shippedCatalog().render(kind: "birthday", locale: "fr", context: .sample(locale: "fr"))
        }
        do {
            _ = try shippedCatalog().render(kind: "birthday", locale: "fr", context: .sample(locale: "fr"))
        } catch {
            #expect("\(error)".contains("birthday"))
        }
    }
}

import Foundation
import Testing
@testable import Templates

@Suite struct PluralTests {
    @Test func cldrCardinalRules() {
        // CLDR: fr "one" is i = 0,1; en, de, es "one" is exactly 1.
        #expect(PluralRules.category(for: 0, locale: "fr-BE") == .one)
        #expect(PluralRules.category(for: 1, locale: "fr") == .one)
        #expect(PluralRules.category(for: 2, locale: "fr") == .other)
        #expect(PluralRules.category(for: 1_000_000, locale: "fr") == .other)
        for locale in ["en", "en-GB", "de-DE", "es"] {
            #expect(PluralRules.category(for: 0, locale: locale) == .other)
            #expect(PluralRules.category(for: 1, locale: locale) == .one)
            #expect(PluralRules.category(for: 2, locale: locale) == .other)
            #expect(PluralRules.category(for: 11, locale: locale) == .other)
            #expect(PluralRules.category(for: -1, locale: locale) == .one)
        }
    }

    @Test func templatesChooseThePluralForm() throws {
        let scratch = try ScratchTemplates()
        defer { scratch.cleanup() }
        let body = "{{data.n}} {{#data.n.one}}ONE{{/data.n.one}}{{#data.n.other}}OTHER{{/data.n.other}}"
        for locale in ["fr", "en"] {
            try scratch.write("seats/\(locale).mustache", "{{$subject}}\(body){{/subject}}\n{{$text}}\(body){{/text}}\n{{$html}}\(body){{/html}}\n")
        }
        let catalog = try TemplateCatalog(directory: scratch.directory, locales: ["fr", "en"], defaultLocale: "en")
        func subject(_ n: Int, _ locale: String) throws -> String {
            var context = MessageContext.sample(locale: locale)
            context.data = ["n": .int(n)]
            return try catalog.render(kind: "seats", locale: locale, context: context).subject
        }
        #expect(try subject(0, "fr") == "0 ONE")
        #expect(try subject(1, "fr") == "1 ONE")
        #expect(try subject(2, "fr") == "2 OTHER")
        #expect(try subject(0, "en") == "0 OTHER")
        #expect(try subject(1, "en") == "1 ONE")
        // Numbers are formatted for the locale (en-GB groups thousands with a comma).
        #expect(try subject(1234, "en") == "1,234 OTHER")
    }
}

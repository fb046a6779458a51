import Foundation
import Testing
@testable import Templates

@Suite struct ShippedTemplatesTests {
    @Test(arguments: ["meetup-reminder", "meetup-announcement", "meetup-cancelled", "newsletter", "welcome"])
    func everyLocaleRendersWithSampleData(kind: String) throws {
        let catalog = try shippedCatalog()
        #expect(catalog.kinds.contains(kind))
        for locale in ["fr", "en", "es", "de"] {
            #expect(catalog.resolvedLocale(kind: kind, locale: locale) == locale)
            let sample = MessageContext.sample(locale: locale)
            let message = try catalog.render(kind: kind, locale: locale, context: sample)
            #expect(message.locale == locale)
            #expect(!message.subject.isEmpty)
            #expect(message.preheader?.isEmpty == false)
            #expect(message.text.contains(sample.recipient.name))
            #expect(message.html.contains(sample.recipient.name))
            #expect(message.html.contains("<html lang=\"\(locale)\""))
            #expect(message.html.contains("role=\"presentation\""))
            #expect(message.text.contains(sample.unsubscribeURL!))
            #expect(message.html.contains("href=\"\(sample.unsubscribeURL!)"))
            #expect(!message.text.contains("<p"))
            #expect(!message.subject.contains("\n"))
            if ProcessInfo.processInfo.environment["RELAIS_PRINT_TEMPLATES"] != nil {
                print("=== \(kind)/\(locale)\nSubject: \(message.subject)\nPreheader: \(message.preheader ?? "-")\n\(message.text)")
            }
        }
    }

    @Test func extraSamplesWithoutOptionalDataAddNoProblems() throws {
        var bare = MessageContext.sample(locale: "en")
        bare.event = nil
        bare.data = [:]
        bare.unsubscribeURL = nil
        let problems = try shippedCatalog().check(sample: bare)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test func shippedCatalogHasNoProblems() throws {
        let problems = try shippedCatalog().check()
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }
}

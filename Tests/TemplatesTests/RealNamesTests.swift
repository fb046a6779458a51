import Foundation
import Testing
@testable import Templates

/// HTML that survives real names: bidi controls in member and event data are isolated, long
/// words wrap, and the layout claims no dark scheme it does not style.
@Suite struct RealNamesTests {
    static let kinds = ["meetup-reminder", "meetup-announcement", "meetup-cancelled", "newsletter", "welcome"]

    /// Isolate initiators (LRI, RLI, FSI) and PDIs balance, so nothing leaks past a value.
    func balanced(_ text: String) -> Bool {
        var depth = 0
        for scalar in text.unicodeScalars {
            if (0x2066...0x2068).contains(scalar.value) { depth += 1 }
            if scalar.value == 0x2069 { depth -= 1; if depth < 0 { return false } }
        }
        return depth == 0
    }

    @Test(arguments: kinds)
    func bidiControlsInNamesAndTitlesAreIsolated(kind: String) throws {
        let catalog = try shippedCatalog()
        for locale in ["fr", "en", "es", "de"] {
            var context = MessageContext.sample(locale: locale)
            context.recipient.name = "\u{202E}Eve"
            context.event?.title = "Soirée\u{2069}\u{202E} réseau"
            context.event?.location = "\u{2067}Rue de la Loi"
            context.data["title"] = .string("Lettre\u{202B}")
            let message = try catalog.render(kind: kind, locale: locale, context: context)
            for part in [message.subject, message.text, message.html] + [message.preheader].compactMap({ $0 }) {
                #expect(balanced(part), "\(kind) \(locale): \(part.unicodeScalars.map { String($0.value, radix: 16) })")
            }
            #expect(message.text.contains("\u{2068}\u{202E}Eve\u{2069}") && message.html.contains("\u{2068}\u{202E}Eve\u{2069}"))
            if kind.hasPrefix("meetup-") {
                #expect(message.text.contains("\u{2068}Soirée\u{202E} réseau\u{2069}"), "stray PDI dropped: \(kind) \(locale)")
            }
        }
    }

    @Test func ordinaryNamesAreLeftAlone() throws {
        let catalog = try shippedCatalog()
        var context = MessageContext.sample(locale: "es")
        context.recipient.name = "María José López"
        let message = try catalog.render(kind: "welcome", locale: "es", context: context)
        #expect(!message.html.unicodeScalars.contains { (0x2066...0x2069).contains($0.value) })
        #expect(message.html.contains("María José López"))
    }

    @Test func bidiIsolationClosesWhatTheValueOpens() {
        #expect("abc".bidiIsolated() == "abc")
        #expect("\u{2067}abc".bidiIsolated() == "\u{2068}\u{2067}abc\u{2069}\u{2069}")
        #expect("a\u{2069}\u{2069}b".bidiIsolated() == "\u{2068}ab\u{2069}")
    }

    @Test func layoutWrapsLongWordsAndClaimsOnlyTheLightScheme() throws {
        let catalog = try shippedCatalog()
        var context = MessageContext.sample(locale: "de")
        context.recipient.name = "Rechtsschutzversicherungsgesellschaftenvorstandsvorsitzende"
        let html = try catalog.render(kind: "welcome", locale: "de", context: context).html
        #expect(html.contains("overflow-wrap:anywhere"))
        #expect(!html.contains("light dark"))
        #expect(html.contains("<meta name=\"color-scheme\" content=\"light\">"))
    }
}

import Foundation
import Testing
@testable import Templates

@Suite struct StampTests {
    /// The batch path (render once, fill in recipients) must equal a full Mustache render.
    @Test(arguments: ["meetup-reminder", "meetup-announcement", "meetup-cancelled", "newsletter", "welcome"])
    func stampedMessagesEqualFullRenders(kind: String) throws {
        let catalog = try shippedCatalog()
        let names = ["Ana", "Eve <script>alert(1)</script>", "  Zoë \n O'Brien & Co  ", "\"Quoted\" Name"]
        for locale in ["fr-BE", "en", "es-ES", "de-DE", "it"] {
            for (index, name) in names.enumerated() {
                var context = MessageContext.sample(locale: locale)
                context.recipient.name = name
                context.recipient.email = "m\(index)@example.org"
                context.unsubscribeURL = index == 2 ? nil : "https://example.org/u?id=\(index)&x=<\(index)>"
                let stamped = try catalog.render(kind: kind, locale: locale, context: context)
                let resolved = try #require(catalog.resolvedLocale(kind: kind, locale: locale))
                let template = try #require(catalog.compiled[kind]?[resolved])
                let formatting = LocaleTag.formattingIdentifier(member: locale, template: resolved)
                let full = catalog.renderFully(template, context: context, formatting: formatting)
                #expect(stamped == full, "\(kind)/\(locale) name \(index)")
            }
        }
    }

    @Test func transformedRecipientValuesTakeTheFullRender() throws {
        let scratch = try ScratchTemplates()
        defer { scratch.cleanup() }
        try scratch.write("shout/en.mustache", """
            {{$subject}}Hi {{uppercased(recipient.name)}}{{/subject}}
            {{$text}}Hi {{recipient.name}}{{/text}}
            {{$html}}<p>{{uppercased(recipient.name)}}</p>{{/html}}
            """)
        let catalog = try TemplateCatalog(directory: scratch.directory, locales: ["en"], defaultLocale: "en")
        var context = MessageContext.sample(locale: "en")
        context.recipient.name = "Ana <b>"
        let message = try catalog.render(kind: "shout", locale: "en", context: context)
        #expect(message.subject == "Hi ANA <B>")
        #expect(message.html.contains("<p>ANA &lt;B&gt;</p>"))
    }
}

import Foundation
import Testing
@testable import Templates

@Suite struct EscapingTests {
    static let hostile = "Eve <script>alert(1)</script>"

    func hostileContext(locale: String) -> MessageContext {
        var context = MessageContext.sample(locale: locale)
        context.recipient.name = Self.hostile
        context.event?.title = "Tom & Jerry's \"<b>bold</b>\""
        context.event?.url = "https://example.org/?a=1&b=<2>"
        context.data["paragraphs"] = [.string("<img src=x onerror=alert(1)>")]
        return context
    }

    @Test(arguments: ["meetup-reminder", "meetup-announcement", "meetup-cancelled", "newsletter", "welcome"])
    func memberDataNeverBecomesMarkup(kind: String) throws {
        let catalog = try shippedCatalog()
        for locale in ["fr", "en", "es", "de"] {
            let message = try catalog.render(kind: kind, locale: locale, context: hostileContext(locale: locale))
            #expect(!message.html.contains("<script"))
            #expect(!message.html.contains("<b>bold"))
            #expect(!message.html.contains("<img"))
            #expect(message.html.contains("Eve &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(message.text.contains(Self.hostile), "the text part must not be HTML-escaped")
            #expect(!message.text.contains("&lt;"))
            #expect(!message.text.contains("&amp;"))
        }
    }

    @Test func eventDataIsEscapedInHTMLButNotInText() throws {
        let catalog = try shippedCatalog()
        let message = try catalog.render(kind: "meetup-reminder", locale: "en", context: hostileContext(locale: "en"))
        #expect(message.html.contains("Tom &amp; Jerry&#39;s &quot;&lt;b&gt;bold&lt;/b&gt;&quot;"))
        #expect(message.html.contains("href=\"https://example.org/?a=1&amp;b=&lt;2&gt;\""))
        #expect(message.html.contains("<title>Reminder: Tom &amp; Jerry"))
        #expect(message.text.contains("Tom & Jerry's \"<b>bold</b>\""))
        #expect(message.subject.contains("Tom & Jerry's \"<b>bold</b>\""))
        #expect(message.text.contains("https://example.org/?a=1&b=<2>"))
    }

    @Test func noValueCanAddAHeaderLine() throws {
        var context = MessageContext.sample(locale: "fr")
        context.event?.title = "Café\r\nBcc: victim@example.org\u{2028}X-Evil: 1"
        let message = try shippedCatalog().render(kind: "meetup-reminder", locale: "fr", context: context)
        #expect(!message.subject.contains(where: { $0.isNewline }))
        #expect(message.subject.contains("Café Bcc: victim@example.org X-Evil: 1"))
        #expect(message.preheader.map { !$0.contains(where: \.isNewline) } == true)
    }
}

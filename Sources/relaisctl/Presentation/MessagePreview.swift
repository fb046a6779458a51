import Foundation
import Relais
import Templates

/// Builds the composition request of a preview: a real member, event or data where given,
/// the templates' built-in sample data everywhere else, so every template previews on a fresh install.
struct MessagePreview: Sendable {
    /// Who receives the preview.
    struct Recipient: Sendable {
        /// Display name.
        var name: String
        /// Address.
        var email: String
        /// Locale of the member.
        var locale: String
        /// Unsubscribe token.
        var unsubscribeToken: String?

        /// A recipient.
        init(name: String, email: String, locale: String, unsubscribeToken: String?) {
            self.name = name
            self.email = email
            self.locale = locale
            self.unsubscribeToken = unsubscribeToken
        }
    }

    /// The sender settings (locales, domain).
    let sender: SenderSettings

    /// A preview builder for `sender`.
    init(sender: SenderSettings) {
        self.sender = sender
    }

    /// The request for `template` in `locale`: the sample recipient, event, data and time
    /// unless `recipient`, `event` or `data` is given. With a real event, relative times count from `now`.
    func request(
        template: String, locale: String, recipient: Recipient? = nil, event: CalendarInfo? = nil,
        data: [String: TemplateValue]? = nil, listName: String? = nil, previous: CalendarInfo? = nil, now: Date = Date()
    ) -> CompositionRequest {
        let sample = MessageContext.sample(locale: locale)
        let time = event == nil ? sample.now : now
        return CompositionRequest(
            messageId: messageId(template: template, locale: locale), date: time,
            recipientName: recipient?.name ?? sample.recipient.name, recipientEmail: recipient?.email ?? sample.recipient.email,
            locale: locale, unsubscribeToken: recipient == nil ? "preview" : recipient?.unsubscribeToken,
            template: template, kind: .announcement, listName: listName ?? "members",
            event: event ?? sampleEvent(), previous: previous ?? (event == nil ? samplePrevious() : nil),
            data: data ?? sample.data, now: time
        )
    }

    /// The Message-ID of a preview that was given none: `<preview.<template>.<locale>@<sender domain>>`.
    func messageId(template: String, locale: String) -> String {
        "<preview.\(Self.atom(template)).\(Self.atom(locale))@\(sender.fromAddress.domain)>"
    }

    /// The built-in sample event (a breakfast in Brussels) with its title in every configured language.
    func sampleEvent() -> CalendarInfo {
        var titles: [String: String] = [:]
        var descriptions: [String: String] = [:]
        for locale in [sender.defaultLocale] + sender.locales {
            guard let event = MessageContext.sample(locale: locale).event else { continue }
            titles[locale] = event.title
            descriptions[locale] = event.description
        }
        let sample = MessageContext.sample(locale: sender.defaultLocale)
        let event = sample.event!
        return CalendarInfo(
            uid: "sample-breakfast@\(sender.fromAddress.domain)", sequence: 0, stamp: sample.now, titles: titles,
            descriptions: descriptions, location: event.location, url: event.url, start: event.start, end: event.end,
            timeZone: event.timeZone
        )
    }

    /// The sample event as it was before a change (for `meetup-changed`).
    func samplePrevious() -> CalendarInfo? {
        guard let before = MessageContext.sample(locale: sender.defaultLocale).previous else { return nil }
        var event = sampleEvent()
        event.location = before.location
        event.start = before.start
        event.end = before.end
        return event
    }

    /// Letters, digits and hyphens of `text` (for the preview Message-ID).
    static func atom(_ text: String) -> String {
        let kept = text.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }
        return kept.isEmpty ? "x" : String(String.UnicodeScalarView(kept))
    }
}

import Foundation

extension MessageContext {
    /// Sample data in `locale`'s language (fr, en, es or de; English otherwise), with every optional
    /// field set, so that each template can be previewed and checked on a fresh install.
    /// The event is a breakfast on Tuesday 3 March 2026, 8:30–10:00 in Brussels, seen from
    /// Sunday 1 March 2026 at 9:00; before a change it was on Thursday 5 March at 19:00, at the town hall.
    public static func sample(locale: String) -> MessageContext {
        let zone = TimeZone(identifier: "Europe/Brussels") ?? .gmt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        func at(_ day: Int, _ hour: Int, _ minute: Int) -> Date {
            calendar.date(from: DateComponents(year: 2026, month: 3, day: day, hour: hour, minute: minute)) ?? Date(timeIntervalSince1970: 0)
        }
        let text = SampleText.forLanguage(LocaleTag.language(locale))
        var sample = MessageContext(
            recipient: .init(name: text.name, email: "membre@example.org", locale: locale),
            sender: .init(organization: "Mompreneurs Belgique", fromAddress: "agenda@mompreneurs.example"),
            event: .init(
                title: text.eventTitle, description: text.eventDescription,
                location: "Maison des Associations, Rue du Marché 12, 1000 Bruxelles",
                url: "https://mompreneurs.example/agenda/petit-dejeuner",
                start: at(3, 8, 30), end: at(3, 10, 0), timeZone: zone
            ),
            now: at(1, 9, 0),
            data: [
                "title": .string(text.newsletterTitle),
                "intro": .string(text.newsletterIntro),
                "paragraphs": .array(text.paragraphs.map(TemplateValue.string)),
                "cta": ["label": .string(text.ctaLabel), "url": "https://mompreneurs.example/8-mars"],
                "recurrence": .string(text.recurrence),
                "reason": .string(text.reason),
            ],
            unsubscribeURL: "https://mompreneurs.example/desinscription?t=sample",
            previous: .init(
                title: text.eventTitle, location: "Hôtel de Ville, Grand-Place, 1000 Bruxelles",
                start: at(5, 19, 0), end: at(5, 20, 30), timeZone: zone
            )
        )
        sample.preferencesURL = "https://relais.mompreneurs.example/p/1-sample"
        sample.rsvpURL = "https://relais.mompreneurs.example/r/1-sample/1/2026-03-03T08%3A30%3A00"
        return sample
    }
}

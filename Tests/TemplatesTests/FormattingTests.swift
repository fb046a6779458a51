import Foundation
import Testing
@testable import Templates

@Suite struct FormattingTests {
    static let brussels = TimeZone(identifier: "Europe/Brussels")!

    static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, in zone: TimeZone = brussels) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    /// A sample context for `locale` with the event at `start` (90 minutes) seen at `now`.
    static func context(locale: String, start: Date, now: Date, zone: TimeZone = brussels) -> MessageContext {
        var context = MessageContext.sample(locale: locale)
        context.event?.start = start
        context.event?.end = start.addingTimeInterval(90 * 60)
        context.event?.timeZone = zone
        context.now = now
        return context
    }

    /// Expected strings computed with Foundation's own CLDR data, independently of the catalog.
    @Test(arguments: ["fr-BE", "de-DE", "es-ES", "en-GB"])
    func datesMatchFoundationCLDROutput(locale: String) throws {
        let start = Self.date(2026, 3, 3, 19, 0)
        let context = Self.context(locale: locale, start: start, now: Self.date(2026, 2, 20, 9, 0))
        let message = try shippedCatalog().render(kind: "meetup-reminder", locale: locale, context: context)

        let foundationLocale = Locale(identifier: locale.replacingOccurrences(of: "-", with: "_"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.brussels
        let fullDate = Date.FormatStyle(date: .complete, time: .omitted, locale: foundationLocale, calendar: calendar, timeZone: Self.brussels)
            .format(start)
        // French writes "19 h" (deliberately not CLDR's "19:00"); the others keep CLDR's short time.
        let time = locale.hasPrefix("fr") ? "19\u{00A0}h" : Date.FormatStyle(date: .omitted, time: .shortened, locale: foundationLocale, calendar: calendar, timeZone: Self.brussels)
            .format(start)
        let duration = Duration.seconds(5400).formatted(
            Duration.UnitsFormatStyle(allowedUnits: [.hours, .minutes], width: .wide).locale(foundationLocale)
        )
        #expect(message.text.contains(fullDate), "\(fullDate) not in \(message.text)")
        #expect(message.html.contains(fullDate))
        #expect(message.text.contains(time))
        #expect(message.text.contains(duration), "\(duration) not in \(message.text)")
        // Local time in the event's zone, not UTC (18:00).
        #expect(time.contains("19"))
    }

    @Test func knownCLDRSpellings() throws {
        let start = Self.date(2026, 3, 3, 19, 0)
        let catalog = try shippedCatalog()
        let expected = [
            "fr-BE": "mardi 3 mars 2026", "de-DE": "Dienstag, 3. März 2026",
            "es-ES": "martes, 3 de marzo de 2026", "en-GB": "Tuesday, 3 March 2026",
        ]
        for (locale, date) in expected {
            let context = Self.context(locale: locale, start: start, now: Self.date(2026, 2, 20, 9, 0))
            let message = try catalog.render(kind: "meetup-reminder", locale: locale, context: context)
            #expect(message.text.contains(date), "\(locale): \(date)")
            #expect(message.text.contains(locale.hasPrefix("fr") ? "19\u{00A0}h" : "19:00"))
        }
    }

    @Test func bareEnglishFormatsLikeBritishEnglish() throws {
        let start = Self.date(2026, 3, 3, 19, 0)
        let context = Self.context(locale: "en", start: start, now: Self.date(2026, 2, 20, 9, 0))
        let message = try shippedCatalog().render(kind: "meetup-reminder", locale: "en", context: context)
        #expect(message.text.contains("3 March 2026"))
        #expect(message.text.contains("19:00"))
        #expect(!message.text.contains("PM"))
    }

    @Test func eventZoneIsUsedNotTheServerZone() throws {
        let newYork = TimeZone(identifier: "America/New_York")!
        let start = Self.date(2026, 7, 1, 18, 30, in: newYork)
        let context = Self.context(locale: "de-DE", start: start, now: Self.date(2026, 6, 1, 9, 0), zone: newYork)
        let message = try shippedCatalog().render(kind: "meetup-reminder", locale: "de-DE", context: context)
        #expect(message.text.contains("18:30"))
    }

    @Test(arguments: [
        ("fr-BE", "dans 3 jours", "demain", "dans 3 heures"),
        ("en-GB", "in 3 days", "tomorrow", "in 3 hours"),
        ("es-ES", "dentro de 3 días", "mañana", "dentro de 3 horas"),
        ("de-DE", "in 3 Tagen", "morgen", "in 3 Stunden"),
    ])
    func relativeTimeInFourLanguages(locale: String, threeDays: String, tomorrow: String, threeHours: String) throws {
        let catalog = try shippedCatalog()
        let start = Self.date(2026, 3, 3, 8, 30)
        func relative(now: Date) throws -> String {
            try catalog.render(kind: "meetup-reminder", locale: locale, context: Self.context(locale: locale, start: start, now: now)).text
        }
        #expect(try relative(now: Self.date(2026, 2, 28, 8, 30)).contains(threeDays))
        // 11.5 hours before, but on the previous calendar day: "tomorrow", not "in 11 hours".
        #expect(try relative(now: Self.date(2026, 3, 2, 21, 0)).contains(tomorrow))
        #expect(try relative(now: Self.date(2026, 3, 3, 5, 30)).contains(threeHours))
    }

    @Test func frenchWritesHoursWithH() throws {
        let catalog = try shippedCatalog()
        let context = Self.context(locale: "fr", start: Self.date(2026, 3, 3, 8, 30), now: Self.date(2026, 3, 2, 9, 0))
        let message = try catalog.render(kind: "meetup-reminder", locale: "fr", context: context)
        #expect(message.text.contains("8\u{00A0}h\u{00A0}30"))
        #expect(message.text.contains("10\u{00A0}h"))
        #expect(!message.text.contains("08:30") && !message.text.contains("8:30"))
        #expect(message.subject == "Rappel : Petit-déjeuner networking, demain")
    }
}

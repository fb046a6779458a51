import Foundation
import Recurrence
import Relais
import Store
import Testing

@Suite struct EventScheduleTests {
    func schedule(rule: String? = "FREQ=MONTHLY;BYDAY=1TU", exceptions: [(String, String?)] = [], duration: Int = 5400) throws -> EventSchedule {
        let record = Event(
            uid: "u@example.be", titles: ["fr": "Petit-déjeuner"], descriptions: [:], startLocal: "2026-03-03T08:30:00",
            timeZone: "Europe/Brussels", rule: rule, durationSeconds: duration, lists: ["be"], reminders: ["7d", "1d"],
            template: "meetup-reminder", location: nil, url: nil, now: Date())
        return try EventSchedule(StoredEvent(event: Stored(id: 3, record), exceptions: exceptions.map {
            EventException(eventId: 3, occurrence: $0.0, movedTo: $0.1, now: Date())
        }))
    }

    func locals(_ occurrences: some Sequence<EventOccurrence>) -> [String] { occurrences.map(\.local.description) }

    @Test func exceptionsRemoveAndMoveOccurrencesKeepingTheirIdentity() throws {
        let schedule = try schedule(exceptions: [
            ("2026-04-07T08:30:00", nil),
            ("2026-05-05T08:30:00", "2026-06-09T19:00:00"),  // moved after the next one
        ])
        let first = Array(schedule.occurrences().prefix(5))
        #expect(locals(first) == ["2026-03-03T08:30:00", "2026-06-02T08:30:00", "2026-06-09T19:00:00", "2026-07-07T08:30:00", "2026-08-04T08:30:00"])
        let moved = first[2]
        #expect(moved.isMoved && moved.original.description == "2026-05-05T08:30:00")
        // 19:00 CEST = 17:00Z; 90 minutes long.
        #expect(moved.start == Date(timeIntervalSince1970: 1_781_024_400))
        #expect(moved.end.timeIntervalSince(moved.start) == 5400)
        #expect(first.filter { !$0.isMoved }.allSatisfy { $0.original == $0.local })
        // From a date between: the moved one is still found by its new time.
        let later = schedule.occurrences(from: try #require(try? Date("2026-06-05T00:00:00Z", strategy: .iso8601)))
        #expect(locals(later.prefix(2)) == ["2026-06-09T19:00:00", "2026-07-07T08:30:00"])
    }

    @Test func seriesOccurrenceFindsOnlyRealOccurrences() throws {
        let schedule = try schedule()
        #expect(schedule.seriesOccurrence(at: try LocalDateTime(parsing: "2026-04-07T08:30"))?.local.description == "2026-04-07T08:30:00")
        #expect(schedule.seriesOccurrence(at: try LocalDateTime(parsing: "2026-04-08T08:30")) == nil)
        #expect(schedule.seriesOccurrence(at: try LocalDateTime(parsing: "2026-04-07T08:31")) == nil)
        #expect(schedule.seriesOccurrence(at: try LocalDateTime(parsing: "2026-03-03T08:30")) != nil)
        #expect(schedule.seriesOccurrence(at: try LocalDateTime(parsing: "2026-02-03T08:30")) == nil)
        let single = try self.schedule(rule: nil)
        #expect(Array(single.occurrences()).count == 1)
    }

    @Test func aCancelledSeriesHasNoOccurrences() throws {
        var record = try schedule().event
        record.cancelled = true
        #expect(Array(try EventSchedule(StoredEvent(event: record, exceptions: [])).occurrences().prefix(3)).isEmpty)
    }

    @Test func localeFallbackFollowsTheDesign() {
        let titles = ["fr": "Petit-déjeuner", "en": "Breakfast", "de": "Frühstück"]
        #expect(LocalizedText.pick(titles, for: "fr-BE", defaultLocale: "fr")?.text == "Petit-déjeuner")
        #expect(LocalizedText.pick(titles, for: "en_GB", defaultLocale: "fr")?.text == "Breakfast")
        #expect(LocalizedText.pick(titles, for: "es", defaultLocale: "fr")?.text == "Petit-déjeuner")
        #expect(LocalizedText.pick(titles, for: "es-419", defaultLocale: "de")?.locale == "de")
        #expect(LocalizedText.pick(["en": "Breakfast", "de": "Frühstück"], for: "es", defaultLocale: "fr")?.locale == "de")
        #expect(LocalizedText.pick(["fr-BE": "Déjeuner (BE)", "fr": "Petit-déjeuner"], for: "fr-BE", defaultLocale: "en")?.text == "Déjeuner (BE)")
        #expect(LocalizedText.pick(["fr-BE": "Déjeuner (BE)", "fr": "Petit-déjeuner"], for: "fr-CA", defaultLocale: "en")?.text == "Petit-déjeuner")
        #expect(LocalizedText.pick([:], for: "fr", defaultLocale: "fr") == nil)
        #expect(LocalizedText.fallbackChain(for: "fr-BE", defaultLocale: "en") == ["fr-BE", "fr", "en"])
    }

    @Test func validatorBuildsAndChecksEvents() throws {
        let validator = EventValidator(locales: ["fr", "en", "es", "de"], knownLists: ["be", "Partners"])
        var changes = EventChanges()
        changes.titles = ["fr=Petit-déjeuner", "en_GB=Breakfast"]
        changes.descriptions = ["fr=Ligne 1\r\nLigne 2"]
        changes.start = "2026-03-03T08:30"
        changes.timeZone = "Europe/Brussels"
        changes.rule = "rrule:freq=monthly;byday=1tu"
        changes.duration = "1h30m"
        changes.lists = ["BE", "partners", "be"]
        changes.reminders = ["1d", "7d", "1d", "2h"]
        changes.url = "https://example.be/petit-dej"
        let event = try validator.newEvent(changes, uid: "u@x", now: Date())
        #expect(event.titles == ["fr": "Petit-déjeuner", "en-GB": "Breakfast"])
        #expect(event.descriptions == ["fr": "Ligne 1\nLigne 2"])
        #expect(event.startLocal == "2026-03-03T08:30:00")
        #expect(event.rule == "FREQ=MONTHLY;BYDAY=1TU")
        #expect(event.durationSeconds == 5400)
        #expect(event.lists == ["be", "Partners"])
        #expect(event.reminders == ["7d", "1d", "2h"])
        #expect(event.template == "meetup-reminder")
    }

    @Test(arguments: [
        ("title", "it=Colazione", "\"it\""),
        ("title", "fr", "LOCALE=TEXT"),
        ("title", "fr=Petit\r\nBcc: x@y", "control characters"),
        ("location", "Café\nBcc: x", "control characters"),
        ("rule", "FREQ=FORTNIGHTLY", "FREQ=FORTNIGHTLY"),
        ("rule", "FREQ=MONTHLY;BYDAY=1XX", "BYDAY=1XX"),
        ("rule", "FREQ=MINUTELY", "FREQ=MINUTELY"),
        ("zone", "Europe/Bruxelles", "Europe/Bruxelles"),
        ("start", "2026-02-30T08:30", "2026-02-30T08:30"),
        ("start", "3 March", "3 March"),
        ("duration", "90", "\"90\""),
        ("duration", "0m", "\"0m\""),
        ("duration", "30m2h", "30m2h"),
        ("list", "nope", "unknown list \"nope\""),
        ("list", "bad list", "bad list"),
        ("remind", "1y", "\"1y\""),
        ("url", "ftp://example.be", "ftp://example.be"),
        ("url", "https://exa mple.be", "https://exa mple.be"),
        ("url", "example.be", "example.be"),
        ("description", "fr=bell\u{7}", "control characters"),
    ])
    func validatorRejectsWithOneLineNamingTheValue(_ field: String, _ value: String, _ named: String) {
        let validator = EventValidator(locales: ["fr", "en", "es", "de"], knownLists: ["be"])
        var changes = EventChanges()
        changes.titles = ["fr=Petit-déjeuner"]
        changes.start = "2026-03-03T08:30"
        changes.timeZone = "Europe/Brussels"
        changes.lists = ["be"]
        switch field {
        case "title": changes.titles = [value]
        case "location": changes.location = value
        case "rule": changes.rule = value
        case "zone": changes.timeZone = value
        case "start": changes.start = value
        case "duration": changes.duration = value
        case "list": changes.lists = [value]
        case "remind": changes.reminders = [value]
        case "url": changes.url = value
        default: changes.descriptions = [value]
        }
        let error = #expect(throws: InputError.self) { try validator.newEvent(changes, uid: "u@x", now: Date()) }
        #expect(error?.exitCode == 65)
        #expect(error?.description.contains(named) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("\n") == false)
    }

    @Test func durationsParseAndFormat() throws {
        #expect(try EventValidator.parseDuration("90m") == 5400)
        #expect(try EventValidator.parseDuration("2h") == 7200)
        #expect(try EventValidator.parseDuration("1h30m") == 5400)
        #expect(EventValidator.formatDuration(5400) == "1h30m")
        #expect(EventValidator.formatDuration(7200) == "2h")
        #expect(EventValidator.formatDuration(2700) == "45m")
        #expect(throws: InputError.self) { try EventValidator.parseDuration("15d") }
        #expect(throws: InputError.self) { try EventValidator.parseDuration("h") }
    }
}

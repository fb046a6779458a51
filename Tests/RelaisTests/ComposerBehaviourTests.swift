import Foundation
@testable import Relais
import Store
import Templates
import Testing

/// What the composer decides without an oracle: languages, list headers, errors.
@Suite struct ComposerBehaviourTests {
    @Test func aMemberWithoutATemplateInHerLanguageGetsTheDefaultConsistently() throws {
        let composer = try ComposerFixture.composer()
        let message = try composer.compose(ComposerFixture.request("meetup-reminder", locale: "nl-BE"))
        #expect(message.locale == "fr")
        #expect(message.subject.contains("Petit-déjeuner réseautage"))
        #expect(message.calendar?.contains("SUMMARY:Petit-déjeuner réseautage") == true)
    }

    @Test func aRegionalTitleWinsForThatRegion() throws {
        let composer = try ComposerFixture.composer()
        var event = ComposerFixture.event()
        event.titles["fr-BE"] = "Déjeuner (Belgique)"
        let belgian = try composer.compose(ComposerFixture.request("meetup-reminder", locale: "fr-BE", event: event))
        let french = try composer.compose(ComposerFixture.request("meetup-reminder", locale: "fr", event: event))
        #expect(belgian.subject.contains("Déjeuner (Belgique)"))
        #expect(french.subject.contains("Petit-déjeuner réseautage"))
        #expect(belgian.calendar?.contains("SUMMARY:Déjeuner (Belgique)") == true)
    }

    @Test func unsubscribeTokenIsPercentEncodedAndOnlyAnnouncementsGetHeaders() throws {
        let composer = try ComposerFixture.composer()
        #expect(composer.unsubscribeURL(token: "a/b c?d") == "https://mompreneurs.example/desinscription/a%2Fb%20c%3Fd")
        #expect(composer.unsubscribeURL(token: nil) == nil)
        var request = ComposerFixture.request("newsletter", locale: "en")
        request.kind = .test
        let test = String(decoding: try composer.compose(request).bytes, as: UTF8.self)
        #expect(!test.contains("List-Unsubscribe"))
        request.kind = .announcement
        request.unsubscribeToken = nil
        let noToken = String(decoding: try composer.compose(request).bytes, as: UTF8.self)
        #expect(!noToken.contains("List-Unsubscribe"))
    }

    @Test func badInputIsOneLineNamingTheRecipient() throws {
        let composer = try ComposerFixture.composer()
        var request = ComposerFixture.request("meetup-reminder", locale: "en")
        request.template = "meetup-remindr"
        let unknown = #expect(throws: CompositionError.self) { try composer.compose(request) }
        #expect(unknown?.description.contains("meetup-reminder") == true)
        #expect(unknown?.exitCode == 65)

        request = ComposerFixture.request("welcome", locale: "en", email: "bob@example.net\r\nBcc: x@y")
        let address = #expect(throws: CompositionError.self) { try composer.compose(request) }
        #expect(address?.description.contains("\n") == false)

        request = ComposerFixture.request("welcome", locale: "en")
        request.messageId = "no-brackets@example"
        let messageID = #expect(throws: CompositionError.self) { try composer.compose(request) }
        #expect(messageID?.description.contains("Message-ID") == true)
    }

    @Test func listIdentifiersAreDotAtoms() {
        #expect(MessageComposer.slug("Petits-déjeuners Bruxelles") == "petits-dejeuners-bruxelles")
        #expect(MessageComposer.slug("Führungskräfte") == "fuhrungskrafte")
        #expect(MessageComposer.slug("!!!") == "list")
        #expect(MessageComposer.slug("Board 2026") == "board-2026")
    }

    @Test func templateDataKeepsJSONTypes() throws {
        let json = #"{"title": "Hé \"you\"", "count": 2, "ratio": 2.5, "flag": true, "none": null, "list": ["a", 1], "cta": {"url": "https://x.example"}}"#
        let data = try TemplateData.decode(Data(json.utf8), source: "data.json")
        #expect(data["title"] == .string("Hé \"you\""))
        #expect(data["count"] == .int(2))
        #expect(data["ratio"] == .double(2.5))
        #expect(data["flag"] == .bool(true))
        #expect(data["none"] == .null)
        #expect(data["list"] == .array([.string("a"), .int(1)]))
        #expect(data["cta"] == .object(["url": .string("https://x.example")]))
        let notObject = #expect(throws: InputError.self) { try TemplateData.decode(Data("[1]".utf8), source: "a.json") }
        #expect(notObject?.description.hasPrefix("a.json: ") == true)
        let broken = #expect(throws: InputError.self) { try TemplateData.decode(Data("{\"a\": ".utf8), source: "b.json") }
        #expect(broken?.description.hasPrefix("b.json: not valid JSON") == true)
    }

    @Test func eachOccurrenceOfASeriesHasItsOwnStableUID() throws {
        var record = Event(
            uid: "3f2a@mompreneurs.example", titles: ["fr": "Petit-déjeuner"], descriptions: [:], startLocal: "2026-03-03T08:30:00",
            timeZone: "Europe/Brussels", rule: "FREQ=MONTHLY;BYDAY=1TU", durationSeconds: 5400, lists: ["be"], reminders: ["1d"],
            template: "meetup-reminder", location: nil, url: nil, now: Date(timeIntervalSince1970: 1_772_000_000)
        )
        record.sequence = 3
        let schedule = try EventSchedule(StoredEvent(event: Stored(id: 7, record), exceptions: []))
        let occurrences = Array(schedule.occurrences().prefix(2))
        let first = CalendarInfo(schedule: schedule, occurrence: occurrences[0])
        let second = CalendarInfo(schedule: schedule, occurrence: occurrences[1])
        #expect(first.uid == "3f2a-20260303T083000@mompreneurs.example")
        #expect(second.uid == "3f2a-20260407T083000@mompreneurs.example")
        #expect(first.sequence == 3)
        #expect(first.stamp == record.updatedAt)
        #expect(first.end.timeIntervalSince(first.start) == 5400)
        #expect(!first.cancelled)
        record.rule = nil
        let single = try EventSchedule(StoredEvent(event: Stored(id: 7, record), exceptions: []))
        let only = try #require(single.occurrences().first { _ in true })
        #expect(CalendarInfo(schedule: single, occurrence: only).uid == "3f2a@mompreneurs.example")
    }
}

import Foundation
@testable import Relais
import Templates
import Testing

/// Headers and calendars come from the kind's manifest, never from its name.
@Suite struct ComposerManifestTests {
    func headers(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return String(text[..<(text.range(of: "\r\n\r\n")?.lowerBound ?? text.endIndex)])
    }

    @Test func everyMemberMessageIsAutoSubmittedAndOnlyBulkKindsArePrecedenceBulk() throws {
        let composer = try ComposerFixture.composer()
        for kind in ComposerFixture.kinds + ["meetup-changed"] {
            let head = headers(try composer.compose(ComposerFixture.request(kind, locale: "en")).bytes)
            #expect(head.contains("\r\nAuto-Submitted: auto-generated"), "\(kind)")
            let bulk = kind == "newsletter" || kind == "meetup-announcement"
            #expect(head.contains("\r\nPrecedence: bulk") == bulk, "\(kind)")
        }
    }

    @Test func remindersAndOtherListMessagesCarryListUnsubscribe() throws {
        let composer = try ComposerFixture.composer()
        for kind in ["meetup-reminder", "meetup-cancelled", "meetup-changed", "meetup-announcement", "newsletter"] {
            let head = headers(try composer.compose(ComposerFixture.request(kind, locale: "fr")).bytes)
            #expect(head.contains("List-Unsubscribe: <https://mompreneurs.example/desinscription/tok1>"), "\(kind)")
            #expect(head.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "\(kind)")
        }
        let welcome = headers(try composer.compose(ComposerFixture.request("welcome", locale: "fr")).bytes)
        #expect(!welcome.contains("List-Unsubscribe"))
    }

    @Test func dtstampIsTheCompositionDate() throws {
        let composer = try ComposerFixture.composer()
        let request = ComposerFixture.request("meetup-reminder", locale: "en")
        let calendar = try #require(try composer.compose(request).calendar)
        #expect(calendar.contains("DTSTAMP:20260301T160000Z"), "\(calendar)")
    }

    @Test func aCancelledOccurrenceIsNeverPublished() throws {
        let composer = try ComposerFixture.composer()
        var event = ComposerFixture.event()
        event.cancelled = true
        for kind in ["meetup-announcement", "meetup-reminder", "meetup-changed"] {
            let error = #expect(throws: CompositionError.self) {
                try composer.compose(ComposerFixture.request(kind, locale: "en", event: event))
            }
            #expect(error?.isPermanent == true)
        }
        let cancellation = try composer.compose(ComposerFixture.request("meetup-cancelled", locale: "en", event: event))
        #expect(cancellation.calendar?.contains("METHOD:CANCEL") == true)
    }

    @Test func aChangeNamesTheOldAndTheNewTime() throws {
        let composer = try ComposerFixture.composer()
        var request = ComposerFixture.request("meetup-changed", locale: "fr")
        var before = ComposerFixture.event()
        before.start = before.start.addingTimeInterval(-2 * 86_400 + 3600 * 10.5)  // Sunday 1 March, 19:00
        before.end = before.start.addingTimeInterval(5400)
        request.previous = before
        let message = try composer.compose(request)
        #expect(message.rendered.text.contains("Auparavant\u{A0}: dimanche 1 mars 2026 à 19\u{A0}h"), "\(message.rendered.text)")
        #expect(message.rendered.text.contains("Désormais\u{A0}: mardi 3 mars 2026 à 8\u{A0}h\u{A0}30"), "\(message.rendered.text)")
    }
}

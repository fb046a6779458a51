import Foundation
@testable import Relais
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
}

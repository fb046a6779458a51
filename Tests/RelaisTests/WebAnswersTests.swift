import Foundation
import Logging
import MIME
import Recurrence
@testable import Relais
import RelaisTestSupport
import Store
import Templates
import Testing

/// What members answer over the web, seen from the planner, the composer and the store.
@Suite struct WebAnswersTests {
    let directory = TemporaryDirectory()

    @Test func aMemberWhoAnsweredNoGetsNoReminderOfThatOccurrenceAndTheRowSaysWhy() throws {
        let store = try RelaisStore(path: directory.file("relais.sqlite"))
        _ = try store.upsertMembers([
            MemberInput(email: "ana@example.es", name: "Ana", locale: "es", lists: ["be"]),
            MemberInput(email: "bea@example.fr", name: "Bea", locale: "fr", lists: ["be"]),
        ])
        let zone = try TimeZoneLookup.zone(named: "Europe/Brussels")
        let now = Date()
        // Starts in about two hours; its 3h reminder fell due an hour ago (within schedule.lateness).
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: now.addingTimeInterval(7_200))
        let startText = String(format: "%04d-%02d-%02dT%02d:%02d:00", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
        let event = try store.insertEvent(Event(
            uid: "rsvp@mompreneurs.example", titles: ["fr": "Petit-déjeuner"], descriptions: [:], startLocal: startText,
            timeZone: "Europe/Brussels", rule: nil, durationSeconds: 3600, lists: ["be"], reminders: ["3h"],
            template: "meetup-reminder", location: nil, url: nil, now: now))
        let ana = try #require(try store.member(email: "ana@example.es")?.member.id)
        let occurrence = try LocalDateTime(parsing: startText).description
        #expect(try store.recordRSVP(memberId: ana, eventId: event.id, occurrence: occurrence, answer: .no))

        let scheduler = ReminderScheduler(
            store: store, identity: MessageIdentity(domain: "mompreneurs.example"), lateness: 6 * 3600, logger: Logger(label: "test"))
        #expect(try scheduler.plan(now: now) == 2)
        let rows = try store.queueRows()
        let anaRow = try #require(rows.first { $0.recipient == "ana@example.es" })
        let beaRow = try #require(rows.first { $0.recipient == "bea@example.fr" })
        #expect(anaRow.state == .skipped)
        #expect(anaRow.reason == ReminderScheduler.declinedReason)
        #expect(beaRow.state != .skipped)
    }

    @Test func listUnsubscribeNamesTheMemberAndTheListAndIsOneClick() throws {
        var sender = ComposerFixture.sender
        sender.webBaseURL = "https://relais.mompreneurs.example"
        let catalog = try TemplateCatalog(
            directory: URL(fileURLWithPath: Repository.path("templates")), locales: ["fr", "en", "es", "de"], defaultLocale: "fr")
        let composer = MessageComposer(sender: sender, catalog: catalog)
        var request = CompositionRequest(
            messageId: "<n1.relais@mompreneurs.example>", date: Date(timeIntervalSince1970: 1_700_000_000), recipientName: "Ana",
            recipientEmail: "ana@example.es", locale: "es", unsubscribeToken: "0123456789abcdef0123456789abcdef",
            template: "newsletter", kind: .announcement, listName: "news",
            data: ["title": "T", "paragraphs": ["p"]], now: Date(timeIntervalSince1970: 1_700_000_000))
        request.memberId = 7
        request.listId = 3
        let text = String(decoding: try composer.compose(request).bytes, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: " ")
        let link = "https://relais.mompreneurs.example/u/7-0123456789abcdef0123456789abcdef/3"
        #expect(text.contains("List-Unsubscribe: <\(link)>"))
        #expect(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        // Without a member id (a test message), the configured sender.unsubscribe_url is kept.
        request.memberId = nil
        let fallback = String(decoding: try composer.compose(request).bytes, as: UTF8.self)
        #expect(fallback.contains("https://mompreneurs.example/desinscription/0123456789abcdef0123456789abcdef"))
    }

    @Test func leavingAListIsIdempotentAndRecordedOnceAndATokenMustMatch() throws {
        let store = try RelaisStore(path: directory.file("relais.sqlite"))
        _ = try store.upsertMembers([MemberInput(email: "ana@example.es", name: "Ana", locale: "es", lists: ["news", "be"])])
        let listing = try #require(try store.member(email: "ana@example.es"))
        let id = listing.member.id
        let token = listing.member.unsubscribeToken
        #expect(try store.webMember(id: id, token: token)?.email == "ana@example.es")
        #expect(try store.webMember(id: id, token: String(token.dropLast()) + "x") == nil)
        #expect(try store.webMember(id: id + 1, token: token) == nil)
        let news = try #require(try store.listID(named: "news"))
        #expect(try store.leaveList(memberId: id, listId: news, source: .web))
        #expect(try store.leaveList(memberId: id, listId: news, source: .web))
        #expect(try store.member(email: "ana@example.es")?.lists == ["be"])
        #expect(try store.memberChanges(email: "ana@example.es").map(\.change) == [.leftList])
        #expect(try store.rejoinList(memberId: id, listId: news, source: .web))
        #expect(try store.member(email: "ana@example.es")?.lists == ["be", "news"])
        #expect(try store.memberChanges(email: "ana@example.es").map(\.change) == [.leftList, .rejoinedList])
    }
}

/// The links a reminder gives its reader: her RSVP page for that occurrence and her preferences.
@Suite struct ReminderLinksTests {
    let directory = TemporaryDirectory()

    @Test func aReminderLinksToTheAnswerPageOfItsOccurrenceAndToHerPreferences() throws {
        let store = try RelaisStore(path: directory.file("relais.sqlite"))
        let (member, event, row) = try ReminderRowFixture.make(in: store)
        var sender = ComposerFixture.sender
        sender.webBaseURL = "https://relais.mompreneurs.example"
        let catalog = try TemplateCatalog(
            directory: URL(fileURLWithPath: Repository.path("templates")), locales: ["fr", "en", "es", "de"], defaultLocale: "fr")
        let composer = QueueRowComposer(sender: sender, catalog: catalog, store: store)
        let text = String(decoding: try composer.compose(row), as: UTF8.self)
        let key = "\(member.id)-\(member.unsubscribeToken)"
        let rsvp = "https://relais.mompreneurs.example/r/\(key)/\(event.id)/2026-03-03T08%3A30%3A00"
        // Quoted-printable may fold long lines: undo the soft breaks before looking.
        let unfolded = text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=3D", with: "=")
        #expect(unfolded.contains(rsvp + "?answer=yes"))
        #expect(unfolded.contains(rsvp + "?answer=no"))
        #expect(unfolded.contains("https://relais.mompreneurs.example/p/\(key)"))
        // The same row composed again gives the same bytes (the stamp and a full render agree).
        #expect(try composer.compose(row) == composer.compose(row))
    }
}

import Foundation
import Logging
import Recurrence
@testable import Relais
import RelaisTestSupport
@testable import Store
import Testing

/// An RSVP "no" reaches reminders already in the queue: the answer skips them in its own
/// transaction, and a claim skips any that slipped in after it.
@Suite struct RSVPQueueTests {
    let directory = TemporaryDirectory()

    /// A store (in `file`) with Ana and Bea on list `be` and one event `uid` starting in two
    /// hours (a whole minute, Brussels time), reminded 3h before; `start` is its local start.
    func eventInTwoHours(file: String, uid: String) throws -> (store: RelaisStore, event: Stored<Event>, start: String, now: Date) {
        let store = try RelaisStore(path: directory.file(file))
        _ = try store.upsertMembers([
            MemberInput(email: "ana@example.es", name: "Ana", locale: "es", lists: ["be"]),
            MemberInput(email: "bea@example.fr", name: "Bea", locale: "fr", lists: ["be"]),
        ])
        let now = Date()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try TimeZoneLookup.zone(named: "Europe/Brussels")
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: now.addingTimeInterval(7_200))
        let startText = String(format: "%04d-%02d-%02dT%02d:%02d:00", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
        let event = try store.insertEvent(Event(
            uid: uid, titles: ["fr": "Petit-déjeuner"], descriptions: [:], startLocal: startText,
            timeZone: "Europe/Brussels", rule: nil, durationSeconds: 3600, lists: ["be"], reminders: ["3h"],
            template: "meetup-reminder", location: nil, url: nil, now: now))
        return (store, event, startText, now)
    }

    /// ``eventInTwoHours(file:uid:)`` whose 3h reminder fell due an hour ago; the planner has
    /// queued both reminders.
    func queuedReminders() throws -> (store: RelaisStore, eventId: Int64, occurrence: String, ana: Int64, bea: Int64) {
        let (store, event, startText, now) = try eventInTwoHours(file: "relais.sqlite", uid: "rsvp-queue@mompreneurs.example")
        let scheduler = ReminderScheduler(
            store: store, identity: MessageIdentity(domain: "mompreneurs.example"), lateness: 6 * 3600, logger: Logger(label: "test"))
        #expect(try scheduler.plan(now: now) == 2)
        #expect(try store.queueRows().allSatisfy { $0.state == .queued })
        let ana = try #require(try store.member(email: "ana@example.es")?.member.id)
        let bea = try #require(try store.member(email: "bea@example.fr")?.member.id)
        return (store, event.id, try LocalDateTime(parsing: startText).description, ana, bea)
    }

    @Test func aNoSkipsHerQueuedReminderInTheSameTransactionAndAYesDoesNotBringItBack() throws {
        let (store, eventId, occurrence, ana, _) = try queuedReminders()
        #expect(try store.recordRSVP(memberId: ana, eventId: eventId, occurrence: occurrence, answer: .no))
        var rows = try store.queueRows()
        let anaRow = try #require(rows.first { $0.recipient == "ana@example.es" })
        #expect(anaRow.state == .skipped)
        #expect(anaRow.reason == RSVPAnswer.declinedReminderReason)
        #expect(rows.first { $0.recipient == "bea@example.fr" }?.state == .queued)

        // Changing her mind does not resurrect a reminder that was already due.
        #expect(try store.recordRSVP(memberId: ana, eventId: eventId, occurrence: occurrence, answer: .yes))
        rows = try store.queueRows()
        #expect(rows.first { $0.recipient == "ana@example.es" }?.state == .skipped)
        let claimed = try store.claim(owner: "test", limit: 10, now: Date(), lease: 60)
        #expect(claimed.map(\.recipient) == ["bea@example.fr"])
    }

    @Test func aClaimedRowIsRevokedByANo() throws {
        let (store, eventId, occurrence, ana, _) = try queuedReminders()
        let claimed = try store.claim(owner: "test", limit: 10, now: Date(), lease: 60)
        #expect(claimed.count == 2)
        #expect(try store.recordRSVP(memberId: ana, eventId: eventId, occurrence: occurrence, answer: .no))
        // The engine re-checks its claims before starting them: hers is no longer its own to send.
        let revoked = try store.revokedClaims(ids: claimed.map(\.id), owner: "test")
        #expect(revoked == Set(claimed.filter { $0.recipient == "ana@example.es" }.map(\.id)))
    }

    @Test func aClaimSkipsAReminderQueuedAfterHerNo() throws {
        let (store, eventId, occurrence, ana, _) = try queuedReminders()
        #expect(try store.recordRSVP(memberId: ana, eventId: eventId, occurrence: occurrence, answer: .no))
        // A row of the same occurrence queued after her answer by a path that did not look at
        // answers (here: a copy of her skipped row, queued again): the claim alone must catch it.
        let skipped = try #require(try store.queueRows().first { $0.recipient == "ana@example.es" })
        var late = QueueMessage(
            idempotencyKey: skipped.idempotencyKey + ":again", kind: skipped.kind, source: skipped.source, memberId: ana,
            recipient: skipped.recipient, recipientName: skipped.recipientName, locale: skipped.locale, template: skipped.template,
            payload: skipped.payload, dueAt: Date().addingTimeInterval(-1), notAfter: skipped.notAfter,
            messageId: "<again.relais@mompreneurs.example>", now: Date())
        late.state = .queued
        #expect(try store.enqueue([late]) == 1)
        let claimed = try store.claim(owner: "test", limit: 10, now: Date(), lease: 60)
        #expect(claimed.map(\.recipient) == ["bea@example.fr"])
        let again = try #require(try store.queueRows().first { $0.messageId == "<again.relais@mompreneurs.example>" })
        #expect(again.state == .skipped)
        #expect(again.reason == RSVPAnswer.declinedReminderReason)
    }

    @Test func aLateReminderIsNotQueuedToAMemberWhoAnsweredNo() throws {
        let (store, event, startText, now) = try eventInTwoHours(file: "late.sqlite", uid: "rsvp-late@mompreneurs.example")
        let ana = try #require(try store.member(email: "ana@example.es")?.member.id)
        let eventId = event.id
        #expect(try store.recordRSVP(memberId: ana, eventId: eventId, occurrence: try LocalDateTime(parsing: startText).description, answer: .no))
        let late = LateReminders(store: store, identity: MessageIdentity(domain: "mompreneurs.example"), lateness: 6 * 3600)
        let decisions = try late.decide(eventId: eventId, now: now)
        #expect(decisions.map(\.members) == [1], "only Bea is told: \(decisions)")
        let rows = try store.queueRows()
        #expect(rows.first { $0.recipient == "ana@example.es" }?.state == .skipped)
        #expect(rows.first { $0.recipient == "ana@example.es" }?.reason == RSVPAnswer.declinedReminderReason)
        #expect(rows.first { $0.recipient == "bea@example.fr" }?.state == .queued)
    }

    @Test func theReminderSourceOfAnAnswerIsThePlannersSource() throws {
        let local = try LocalDateTime(parsing: "2026-03-03T08:30")
        let source = RSVPAnswer.reminderSource(eventId: 12, occurrence: local.description)
        #expect(source == "event:12:20260303T083000")
        let parsed = try #require(RSVPAnswer.occurrence(ofReminderSource: source))
        #expect(parsed.eventId == 12)
        #expect(parsed.occurrence == local.description)
        #expect(RSVPAnswer.occurrence(ofReminderSource: "announcement:3") == nil)
    }
}

import Foundation
import Recurrence
@testable import Relais
import RelaisTestSupport
import Store
import Templates
import Testing

/// The daemon composes queue rows from what the store says now: an edited event is seen on
/// the next delivery pass, and a removed one cancels its rows instead of failing forever.
@Suite struct QueueRowComposerTests {
    let directory = TemporaryDirectory()

    func setUp() throws -> (RelaisStore, QueueRowComposer, EventRecord, QueueRecord) {
        let store = try RelaisStore(path: directory.file("relais.sqlite"))
        _ = try store.upsertMembers([MemberInput(email: "ana@example.es", name: "Ana", locale: "es", lists: ["be"])])
        let member = try #require(try store.member(email: "ana@example.es")?.member)
        let event = try store.insertEvent(EventRecord(
            uid: "e1@mompreneurs.example", titles: ["es": "Desayuno"], descriptions: [:], startLocal: "2026-03-03T08:30:00",
            timeZone: "Europe/Brussels", rule: nil, durationSeconds: 5400, lists: ["be"], reminders: ["1d"],
            template: "meetup-reminder", location: nil, url: nil, now: Date()))
        let local = try LocalDateTime(parsing: "2026-03-03T08:30")
        let start = local.instant(in: try TimeZoneLookup.zone(named: "Europe/Brussels"))
        let reminder = PlannedReminder(
            eventId: try #require(event.id), eventUID: event.uid, original: local, occurrenceLocal: local,
            occurrenceStart: start, offset: try ReminderOffset(parsing: "1d"), memberId: try #require(member.id),
            dueAt: start.addingTimeInterval(-86_400))
        let row = QueueRecord(
            idempotencyKey: reminder.idempotencyKey, kind: "reminder", source: reminder.source, memberId: member.id,
            recipient: member.email, recipientName: member.name, locale: member.locale, template: "meetup-reminder",
            payload: ReminderPayload(reminder).encoded(), dueAt: reminder.dueAt, notAfter: start,
            messageId: "<r1.relais@mompreneurs.example>", now: Date())
        let catalog = try TemplateCatalog(
            directory: URL(fileURLWithPath: Repository.path("templates")), locales: ["fr", "en", "es", "de"], defaultLocale: "fr")
        return (store, QueueRowComposer(sender: ComposerFixture.sender, catalog: catalog, store: store), event, row)
    }

    @Test func theSameRowGivesTheSameBytes() throws {
        let (_, composer, _, row) = try setUp()
        #expect(try composer.compose(row) == composer.compose(row))
    }

    @Test func anEditedEventIsSeenOnTheNextPass() throws {
        let (store, composer, event, row) = try setUp()
        let before = String(decoding: try composer.compose(row), as: UTF8.self)
        #expect(before.contains("Desayuno"))
        var edited = event
        edited.titles["es"] = "Almuerzo"
        _ = try store.updateEvent(edited)
        composer.startPass()
        let after = String(decoding: try composer.compose(row), as: UTF8.self)
        #expect(after.contains("Almuerzo") && !after.contains("Desayuno"))
    }

    @Test func aRemovedEventIsAPermanentFailure() throws {
        let (store, composer, event, row) = try setUp()
        #expect(try store.removeEvent(id: try #require(event.id)))
        composer.startPass()
        let error = #expect(throws: CompositionError.self) { try composer.compose(row) }
        #expect(error?.isPermanent == true)
    }
}

import Foundation
import GRDB
import RelaisTestSupport
@testable import Store
import Testing

@Suite struct EventStoreTests {
    let directory = TemporaryDirectory()
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    func store() throws -> RelaisStore { try RelaisStore(path: directory.file("relais.sqlite")) }

    func record(uid: String = "a@example.be") -> Event {
        Event(
            uid: uid, titles: ["fr": "Petit-déjeuner", "en": "Breakfast"], descriptions: ["fr": "Ligne 1\nLigne 2"],
            startLocal: "2026-03-03T08:30:00", timeZone: "Europe/Brussels", rule: "FREQ=MONTHLY;BYDAY=1TU",
            durationSeconds: 5400, lists: ["be", "partners"], reminders: ["7d", "1d"], template: "meetup-reminder",
            location: "Café Belga", url: "https://example.be", now: t0)
    }

    @Test func insertThenFetchRoundTripsEveryField() throws {
        let store = try store()
        let inserted = try store.insertEvent(record())
        let id = inserted.id
        let fetched = try #require(try store.event(id: id))
        #expect(fetched.event == inserted)
        #expect(fetched.event.titles == ["fr": "Petit-déjeuner", "en": "Breakfast"])
        #expect(fetched.event.lists == ["be", "partners"])
        #expect(fetched.event.sequence == 0 && !fetched.event.cancelled)
        #expect(fetched.exceptions.isEmpty)
        #expect(try store.event(id: id + 1) == nil)
    }

    @Test func everyChangeBumpsTheSequenceButANoOpDoesNot() throws {
        let store = try store()
        var event = try store.insertEvent(record())
        event.titles["de"] = "Frühstück"
        let t1 = t0.addingTimeInterval(60)
        let updated = try store.updateEvent(event, now: t1)
        #expect(updated.sequence == 1 && updated.updatedAt == t1 && updated.createdAt == t0)
        let same = try store.updateEvent(updated, now: t1.addingTimeInterval(60))
        #expect(same.sequence == 1 && same.updatedAt == t1)
        // The stored uid and sequence win over the caller's.
        var tampered = same
        tampered.uid = "other@x"
        tampered.sequence = 40
        tampered.location = nil
        let next = try store.updateEvent(tampered, now: t1)
        #expect(next.uid == "a@example.be" && next.sequence == 2 && next.location == nil)
        #expect(try store.event(id: next.id)?.event == next)
    }

    @Test func exceptionsAreUpsertedRestoredAndBumpTheSequence() throws {
        let store = try store()
        let id = try store.insertEvent(record()).id
        var stored = try store.setException(eventId: id, occurrence: "2026-04-07T08:30:00", movedTo: nil, now: t0)
        #expect(stored.event.sequence == 1)
        #expect(stored.exceptions.map(\.movedTo) == [nil])
        stored = try store.setException(eventId: id, occurrence: "2026-04-07T08:30:00", movedTo: "2026-04-14T08:30:00", now: t0)
        #expect(stored.event.sequence == 2 && stored.exceptions.count == 1)
        #expect(stored.exceptions.first?.movedTo == "2026-04-14T08:30:00")
        stored = try store.setException(eventId: id, occurrence: "2026-04-07T08:30:00", movedTo: "2026-04-14T08:30:00", now: t0)
        #expect(stored.event.sequence == 2)
        stored = try store.setException(eventId: id, occurrence: "2026-03-03T08:30:00", movedTo: nil, now: t0)
        #expect(stored.exceptions.map(\.occurrence) == ["2026-03-03T08:30:00", "2026-04-07T08:30:00"])
        stored = try store.setException(eventId: id, occurrence: "2026-04-07T08:30:00", movedTo: nil, restore: true, now: t0)
        #expect(stored.event.sequence == 4 && stored.exceptions.map(\.occurrence) == ["2026-03-03T08:30:00"])
        let missing = #expect(throws: StoreError.self) {
            try store.setException(eventId: id + 9, occurrence: "2026-04-07T08:30:00", movedTo: nil, now: t0)
        }
        #expect(missing?.kind == .notFound)
    }

    @Test func updateCanDropExceptionsInTheSameTransaction() throws {
        let store = try store()
        var event = try store.insertEvent(record())
        _ = try store.setException(eventId: event.id, occurrence: "2026-04-07T08:30:00", movedTo: nil, now: t0)
        _ = try store.setException(eventId: event.id, occurrence: "2026-05-05T08:30:00", movedTo: nil, now: t0)
        event = try #require(try store.event(id: event.id)).event
        event.rule = "FREQ=MONTHLY;BYDAY=2TU"
        _ = try store.updateEvent(event, droppingExceptions: ["2026-04-07T08:30:00"], now: t0)
        let stored = try #require(try store.event(id: event.id))
        #expect(stored.exceptions.map(\.occurrence) == ["2026-05-05T08:30:00"])
        #expect(stored.event.sequence == 3)
    }

    @Test func cancellingTheSeriesHidesItFromTheActiveEvents() throws {
        let store = try store()
        let a = try store.insertEvent(record(uid: "a@x"))
        let b = try store.insertEvent(record(uid: "b@x"))
        _ = try store.setException(eventId: b.id, occurrence: "2026-04-07T08:30:00", movedTo: "2026-04-08T08:30:00", now: t0)
        let cancelled = try store.cancelEvent(id: a.id, now: t0)
        #expect(cancelled.cancelled && cancelled.sequence == 1)
        #expect(try store.cancelEvent(id: a.id, now: t0).sequence == 1)
        let active = try store.activeEvents()
        #expect(active.map(\.event.uid) == ["b@x"])
        #expect(active.first?.exceptions.first?.movedTo == "2026-04-08T08:30:00")
        #expect(try store.events(includeCancelled: true).map(\.event.uid) == ["a@x", "b@x"])
    }

    @Test func removeDeletesTheEventAndItsExceptions() throws {
        let store = try store()
        let id = try store.insertEvent(record()).id
        _ = try store.setException(eventId: id, occurrence: "2026-04-07T08:30:00", movedTo: nil, now: t0)
        #expect(try store.removeEvent(id: id))
        #expect(try store.removeEvent(id: id) == false)
        #expect(try store.event(id: id) == nil)
        let left = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM eventException") }
        #expect(left == 0)
    }

    @Test func uidsAreUnique() throws {
        let store = try store()
        _ = try store.insertEvent(record())
        #expect(throws: StoreError.self) { try store.insertEvent(record()) }
    }
}

import Foundation
import StoreModel
import Testing

extension OperatorContractTests {
    /// A weekly breakfast for `lists`, created at t0, with a 1-day reminder.
    func breakfast(lists: [String] = ["news"]) -> Event {
        Event(
            uid: "breakfast-\(lists.joined())@relais.test", titles: ["fr": "Petit-déjeuner", "en": "Breakfast"], descriptions: ["fr": "Café"],
            startLocal: "2026-06-02T08:30:00", timeZone: "Europe/Brussels", rule: "FREQ=WEEKLY", durationSeconds: 5400, lists: lists,
            reminders: ["1d"], template: "meetup-reminder", location: "Bruxelles", url: nil, now: t0)
    }

    /// The reminder row of `occurrence` (compact, `20260609T083000`) of event `eventId` for member `memberId`.
    func reminder(eventId: Int64, occurrence: String, memberId: Int64, key: String) -> QueueMessage {
        QueueMessage(
            idempotencyKey: key, kind: "reminder", source: "event:\(eventId):\(occurrence)", memberId: memberId,
            recipient: "ana@example.es", recipientName: "Ana", locale: "es", template: "meetup-reminder", payload: nil,
            dueAt: t0.addingTimeInterval(3600), notAfter: t0.addingTimeInterval(86_400), messageId: "<\(key)@relais.test>", now: t0)
    }

    @Test("events: added, changed (the sequence moves only on a change), cancelled, removed", arguments: Backend.allCases)
    func events(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0, t1 = t0.addingTimeInterval(60), t2 = t0.addingTimeInterval(120)
            let added = try await calls { [breakfast = breakfast()] in try $0.insertEvent(breakfast) }
            #expect(added.value == breakfast())
            let stored = try #require(try await calls { try $0.event(id: added.id) })
            #expect(stored.event.value == breakfast() && stored.exceptions.isEmpty)

            // Nothing changed: nothing written, the sequence stays.
            #expect(try await calls { try $0.updateEvent(added, droppingExceptions: [], now: t1) }.value == breakfast())
            var changed = added
            changed.value.location = "Gand"
            changed.value.titles["de"] = "Frühstück"
            changed.value.uid = "ignored"
            changed.value.sequence = 40
            let updated = try await calls { [changed] in try $0.updateEvent(changed, droppingExceptions: [], now: t1) }
            #expect(updated.location == "Gand" && updated.titles["de"] == "Frühstück" && updated.uid == added.uid)
            #expect(updated.sequence == 1 && updated.updatedAt == t1 && updated.createdAt == t0)
            #expect(try await calls { try $0.event(id: added.id) }?.event.value == updated.value)

            // An exception is dropped with a change that makes it no occurrence of the series.
            _ = try await calls { try $0.setException(eventId: added.id, occurrence: "2026-06-09T08:30:00", movedTo: nil, restore: false, now: t1) }
            var moved = updated
            moved.value.startLocal = "2026-06-02T09:00:00"
            let dropped = try await calls { [moved] in try $0.updateEvent(moved, droppingExceptions: ["2026-06-09T08:30:00"], now: t2) }
            #expect(dropped.sequence == 3 && dropped.startLocal == "2026-06-02T09:00:00")
            #expect(try await calls { try $0.event(id: added.id) }?.exceptions.isEmpty == true)

            let missing = await calls.failure { [other = Stored(id: 999, moved.value)] in
                _ = try $0.updateEvent(other, droppingExceptions: [], now: t2)
            }
            #expect(missing?.kind == .notFound && missing?.message == "no event with id 999")

            let second = try await calls { [event = breakfast(lists: ["events"])] in try $0.insertEvent(event) }
            #expect(try await calls { try $0.events(includeCancelled: false) }.map(\.event.id) == [added.id, second.id])
            let cancelled = try await calls { try $0.cancelEvent(id: added.id, now: t2) }
            #expect(cancelled.cancelled && cancelled.sequence == 4 && cancelled.updatedAt == t2)
            // Cancelled twice: left as it was.
            #expect(try await calls { try $0.cancelEvent(id: added.id, now: t2.addingTimeInterval(60)) }.value == cancelled.value)
            #expect(try await calls { try $0.events(includeCancelled: false) }.map(\.event.id) == [second.id])
            #expect(try await calls { try $0.events(includeCancelled: true) }.map(\.event.id) == [added.id, second.id])
            let noSuch = await calls.failure { _ = try $0.cancelEvent(id: 999, now: t2) }
            #expect(noSuch?.kind == .notFound && noSuch?.message == "no event with id 999")

            #expect(try await calls { try $0.removeEvent(id: second.id, now: t2) })
            #expect(try await calls { try $0.removeEvent(id: second.id, now: t2) } == false)
            #expect(try await calls { try $0.event(id: second.id) } == nil)
        }
    }

    @Test("an occurrence cancelled, moved or restored bumps the sequence once and cancels its unsent reminders", arguments: Backend.allCases)
    func exceptions(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0, t1 = t0.addingTimeInterval(60), t2 = t0.addingTimeInterval(120), t3 = t0.addingTimeInterval(180)
            _ = try await calls { try $0.upsertMembers([input("ana@example.es", "Ana", locale: "es", lists: ["news"])], createLists: true, now: t0, welcome: nil) }
            let ana = try #require(try await calls { try $0.member(email: "ana@example.es") }).member.id
            let event = try await calls { [breakfast = breakfast()] in try $0.insertEvent(breakfast) }
            let id = event.id
            let rows = [
                reminder(eventId: id, occurrence: "20260609T083000", memberId: ana, key: "r9"),
                reminder(eventId: id, occurrence: "20260616T083000", memberId: ana, key: "r16"),
                reminder(eventId: id, occurrence: "20260623T083000", memberId: ana, key: "r23"),
            ]
            #expect(try await calls { try $0.enqueueLateReminders(rows) } == 3)

            let first = try await calls { try $0.setException(eventId: id, occurrence: "2026-06-09T08:30:00", movedTo: nil, restore: false, now: t1) }
            #expect(first.event.sequence == 1 && first.event.updatedAt == t1)
            #expect(first.exceptions == [EventException(eventId: id, occurrence: "2026-06-09T08:30:00", movedTo: nil, now: t1)])
            // The same again changes nothing.
            let again = try await calls { try $0.setException(eventId: id, occurrence: "2026-06-09T08:30:00", movedTo: nil, restore: false, now: t2) }
            #expect(again.event.sequence == 1 && again.exceptions == first.exceptions)

            let moved = try await calls {
                try $0.setException(eventId: id, occurrence: "2026-06-16T08:30:00", movedTo: "2026-06-17T08:30:00", restore: false, now: t2)
            }
            #expect(moved.event.sequence == 2)
            #expect(moved.exceptions.map(\.occurrence) == ["2026-06-09T08:30:00", "2026-06-16T08:30:00"])
            #expect(moved.exceptions.map(\.movedTo) == [nil, "2026-06-17T08:30:00"])

            let restored = try await calls { try $0.setException(eventId: id, occurrence: "2026-06-09T08:30:00", movedTo: nil, restore: true, now: t3) }
            #expect(restored.event.sequence == 3 && restored.exceptions.map(\.occurrence) == ["2026-06-16T08:30:00"])
            let unchanged = try await calls { try $0.setException(eventId: id, occurrence: "2026-06-23T08:30:00", movedTo: nil, restore: true, now: t3) }
            #expect(unchanged.event.sequence == 3)

            let states = try await calls.rows()
            #expect(states["r9"]?.state == .cancelled && states["r9"]?.reason == "the occurrence was cancelled")
            #expect(states["r16"]?.state == .cancelled && states["r16"]?.reason == "the occurrence was moved")
            #expect(states["r23"]?.state == .scheduled)
            let noSuch = await calls.failure { _ = try $0.setException(eventId: 999, occurrence: "2026-06-09T08:30:00", movedTo: nil, restore: false, now: t3) }
            #expect(noSuch?.kind == .notFound && noSuch?.message == "no event with id 999")

            _ = try await calls { try $0.cancelEvent(id: id, now: t3) }
            #expect(try await calls.rows()["r23"]?.reason == "the event was cancelled")
            let other = try await calls { [breakfast = breakfast(lists: ["events"])] in try $0.insertEvent(breakfast) }
            _ = try await calls { [row = reminder(eventId: other.id, occurrence: "20260609T083000", memberId: ana, key: "o9")] in try $0.enqueueLateReminders([row]) }
            #expect(try await calls { try $0.removeEvent(id: other.id, now: t3) })
            let removed = try await calls.rows()["o9"]
            #expect(removed?.state == .cancelled && removed?.reason == "the event was removed")
        }
    }
}

import Foundation
import StoreModel
import Testing

/// The ``CompositionSource`` and ``DaemonStore`` contracts: what composing reads, relay-wide
/// repair, heartbeats.
extension QueueContractTests {
    /// A weekly workshop with every field set, created and last changed at `t0`.
    func workshop(uid: String = "workshop@relais.test", cancelled: Bool = false) -> Event {
        var event = Event(
            uid: uid, titles: ["fr": "Atelier d'écriture", "en": "Writing workshop"],
            descriptions: ["fr": "Apportez un carnet.", "en": "Bring a notebook."], startLocal: "2026-06-02T19:00:00",
            timeZone: "Europe/Brussels", rule: "FREQ=WEEKLY;COUNT=6", durationSeconds: 5400, lists: ["members", "Club"],
            reminders: ["7d", "2h"], template: "meetup-reminder", location: "Rue Haute 1, Bruxelles",
            url: "https://example.org/atelier", now: t0)
        event.cancelled = cancelled
        return event
    }

    @Test("composition reads an event with its exceptions, an announcement, list ids whatever the case", arguments: Backend.allCases)
    func compositionReads(_ backend: Backend) async throws {
        try await backend.withFixture { fixture async throws in
            let store = fixture.store, t0 = t0
            _ = try await fixture.addMember("ann@example.org", name: "Ann", lists: ["members"])
            let club = try await fixture.addList("Book Club")
            let exceptions: [(occurrence: String, movedTo: String?)] = [
                ("2026-06-16T19:00:00", "2026-06-17T19:30:00"), ("2026-06-09T19:00:00", nil),
            ]
            let id = try await fixture.addEvent(workshop(), exceptions: exceptions)
            let cancelled = try await fixture.addEvent(workshop(uid: "gone@relais.test", cancelled: true), exceptions: [])

            let event = try #require(try await offPool { try store.event(id: id) })
            var expected = workshop()
            expected.sequence = 2
            #expect(event.event.id == id && event.event.value == expected)
            #expect(event.exceptions == [
                EventException(eventId: id, occurrence: "2026-06-09T19:00:00", movedTo: nil, now: t0),
                EventException(eventId: id, occurrence: "2026-06-16T19:00:00", movedTo: "2026-06-17T19:30:00", now: t0),
            ])
            #expect(try await offPool { try store.event(id: id + cancelled + 10) } == nil)
            #expect(try await offPool { try store.events(includeCancelled: false) } == [event])
            let all = try await offPool { try store.events(includeCancelled: true) }
            #expect(all.map(\.event.id) == [id, cancelled] && all.last?.event.cancelled == true && all.last?.exceptions == [])

            var announcement = Announcement(
                template: "meetup-announcement", lists: ["members", "Book Club"], data: Data("{\"speaker\":\"Zoé\"}".utf8),
                dueAt: t0.addingTimeInterval(86_400), now: t0, eventId: id, occurrence: "2026-06-02T19:00:00",
                previous: Data("{\"startLocal\":\"2026-06-01T19:00:00\"}".utf8))
            let announcementId = try await fixture.addAnnouncement(announcement)
            let stored = try #require(try await offPool { try store.announcement(id: announcementId) })
            announcement.queuedCount = 0
            #expect(stored.id == announcementId && stored.value == announcement)
            #expect(try await offPool { try store.announcement(id: announcementId + 1) } == nil)

            #expect(try await offPool { try store.listID(named: "Book Club") } == club)
            #expect(try await offPool { try store.listID(named: "BOOK CLUB") } == club)
            #expect(try await offPool { try store.listID(named: "book club") } == club)
            #expect(try await offPool { try store.listID(named: "Book") } == nil)
        }
    }

    @Test("unsubscribe tokens, one member's or several", arguments: Backend.allCases)
    func unsubscribeTokens(_ backend: Backend) async throws {
        try await backend.withFixture { fixture async throws in
            let store = fixture.store
            let ann = try await fixture.addMember("ann@example.org", name: "Ann", lists: ["members"])
            let bob = try await fixture.addMember("bob@example.org", name: "Bob", lists: ["members"])
            let members = try await offPool { try store.activeMembersWithLists(in: nil) }
            let expected = Dictionary(uniqueKeysWithValues: members.map { ($0.member.id, $0.member.unsubscribeToken) })
            #expect(expected.count == 2 && Set(expected.values).count == 2)
            #expect(try await offPool { try store.unsubscribeToken(memberId: ann) } == expected[ann])
            #expect(try await offPool { try store.unsubscribeToken(memberId: ann + bob + 1) } == nil)
            #expect(try await offPool { try store.unsubscribeTokens(memberIds: [ann, bob, ann + bob + 1]) } == expected)
            #expect(try await offPool { try store.unsubscribeTokens(memberIds: []) } == [:])
        }
    }

    @Test("reopen puts back failed rows: queued again, the attempt uncounted, the member it bounced active", arguments: Backend.allCases)
    func reopen(_ backend: Backend) async throws {
        try await backend.withFixture { fixture async throws in
            let store = fixture.store, queue = fixture.queue, t0 = t0
            let ann = try await fixture.addMember("ann@example.org")
            _ = try await queue.enqueue([message("a", due: t0, memberId: ann), message("b", due: t0), message("c", due: t0)])
            let ids = try await queue.claim(owner: "w1", limit: 10, now: t0, lease: 60).map(\.id)
            try await queue.record(
                [
                    result(ids[0], .failed, outcome: "failed", bounce: true), result(ids[1], .failed, outcome: "failed"),
                    result(ids[2], .sent, outcome: "sent"),
                ], owner: "w1")
            #expect(try await fixture.memberStatus("ann@example.org") == "bounced")

            let at = t0.addingTimeInterval(600), now = t0.addingTimeInterval(5)
            let reason = "the relay refused every message: reopened"
            #expect(try await offPool { try store.reopen(ids: ids + [ids.max()! + 1], at: at, reason: reason, now: now) } == 2)
            for id in ids[0...1] {
                let row = try #require(try await queue.row(id))
                #expect(row.state == .queued && row.attempts == 0 && row.nextAttemptAt == at && row.reason == reason && row.updatedAt == now)
            }
            #expect(try await queue.row(ids[2])?.state == .sent)
            #expect(try await fixture.memberStatus("ann@example.org") == "active")
            #expect(try await offPool { try store.reopen(ids: ids, at: at, reason: reason, now: now) } == 0)
            #expect(try await offPool { try store.reopen(ids: [], at: at, reason: reason, now: now) } == 0)
            #expect(try await queue.claim(owner: "w1", limit: 10, now: at, lease: 60).map(\.id) == Array(ids[0...1]))
        }
    }

    /// A heartbeat of `instance` written at `beat`.
    func heartbeat(_ instance: String, beat: Date, activity: String = "idle") -> Heartbeat {
        Heartbeat(
            instanceId: instance, host: "mail\(instance.suffix(1)).example.org", pid: 4242, version: "1.0.0",
            startedAt: t0, beatAt: beat, activity: activity, throttledUntil: activity == "idle" ? nil : beat.addingTimeInterval(60))
    }

    @Test("a beat replaces its instance's heartbeat; the latest beat comes first", arguments: Backend.allCases)
    func heartbeats(_ backend: Backend) async throws {
        try await backend.withFixture { fixture async throws in
            let store = fixture.store, t0 = t0
            #expect(try await offPool { try store.heartbeats() } == [])
            let a1 = heartbeat("relaisd-a", beat: t0), b1 = heartbeat("relaisd-b", beat: t0.addingTimeInterval(1), activity: "sending 3")
            try await offPool { try store.beat(a1) }
            #expect(try await offPool { try store.heartbeats() } == [a1])
            try await offPool { try store.beat(b1) }
            #expect(try await offPool { try store.heartbeats() }.first == b1)
            let a2 = heartbeat("relaisd-a", beat: t0.addingTimeInterval(2), activity: "stopping")
            try await offPool { try store.beat(a2) }
            let beats = try await offPool { try store.heartbeats() }
            #expect(beats.first == a2 && !beats.contains(a1))
            // What only a shared store keeps: one row per daemon instance.
            #expect(beats == (store.isShared ? [a2, b1] : [a2]))
        }
    }
}

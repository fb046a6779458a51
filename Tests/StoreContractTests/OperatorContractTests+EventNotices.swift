import Foundation
import StoreModel
import Testing

extension OperatorContractTests {
    /// Thrown by a test inside a transaction to see it rolled back.
    struct Refused: Error {}

    /// A notice of `template` about `occurrence` of event `eventId` to `lists`, due at `due`.
    func notice(_ template: String, eventId: Int64, occurrence: String, lists: [String] = ["news"], due: Date) -> Announcement {
        Announcement(template: template, lists: lists, data: nil, dueAt: due, now: t0, eventId: eventId, occurrence: occurrence)
    }

    /// What the daemon records when row `id` was sent at `finished`.
    func sent(_ id: Int64, at finished: Date) -> DeliveryResult {
        DeliveryResult(
            queueId: id, state: .sent, outcome: "sent", countsAsAttempt: true, nextAttemptAt: nil, replyCode: 250,
            replyEnhanced: "2.0.0", replyText: "OK", reason: nil, startedAt: finished, finishedAt: finished, bounceMember: false, body: nil)
    }

    @Test("an event change and its notices are one transaction: both commit, or neither", arguments: Backend.allCases)
    func changeAndNoticesInOneTransaction(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0, t1 = t0.addingTimeInterval(60)
            _ = try await calls {
                try $0.upsertMembers(
                    [input("ana@example.es", "Ana", lists: ["news"]), input("bo@example.be", "Bo", lists: ["news"])],
                    createLists: true, now: t0, welcome: nil)
            }
            let id = try await calls { [breakfast = breakfast()] in try $0.insertEvent(breakfast) }.id
            let cancellation = notice("meetup-cancelled", eventId: id, occurrence: "2026-06-09T08:30:00", due: t0)

            // Something fails after the change and its notice: neither stays, and the error comes out as it was.
            await #expect(throws: Refused.self) {
                try await calls { store in
                    try store.inOneTransaction {
                        _ = try store.cancelEvent(id: id, now: t1)
                        let told = try store.createAnnouncement(cancellation, now: t0, makeRow: Self.row)
                        // Inside, the transaction's own reads see its writes.
                        #expect(try store.event(id: id)?.event.cancelled == true)
                        #expect(try store.queueRows(state: nil, limit: nil).count == 2 && told.queuedCount == 2)
                        throw Refused()
                    }
                }
            }
            #expect(try await calls { try $0.event(id: id) }?.event.value == breakfast())
            #expect(try await calls { try $0.queueRows(state: nil, limit: nil) }.isEmpty)
            #expect(try await calls { try $0.announcement(id: 1) } == nil)

            // A store call that fails inside (no such list) takes the change back with it.
            let unknownList = notice("meetup-cancelled", eventId: id, occurrence: "2026-06-09T08:30:00", lists: ["nope"], due: t0)
            let refused = await calls.failure { store in
                try store.inOneTransaction {
                    _ = try store.setException(eventId: id, occurrence: "2026-06-09T08:30:00", movedTo: nil, restore: false, now: t1)
                    _ = try store.createAnnouncement(unknownList, now: t0, makeRow: Self.row)
                }
            }
            #expect(refused?.kind == .notFound && refused?.message == #"no list named "nope""#)
            let after = try #require(try await calls { try $0.event(id: id) })
            #expect(after.exceptions.isEmpty && after.event.sequence == 0)

            // Together, and a nested transaction joins the outer one.
            let (event, told) = try await calls { store in
                try store.inOneTransaction {
                    let event = try store.inOneTransaction { try store.cancelEvent(id: id, now: t1) }
                    return (event, try store.createAnnouncement(cancellation, now: t0, makeRow: Self.row))
                }
            }
            #expect(event.cancelled && event.sequence == 1 && told.state == .queued && told.queuedCount == 2)
            #expect(try await calls { try $0.event(id: id) }?.event.cancelled == true)
            let rows = try await calls { try $0.queueRows(state: nil, limit: nil) }
            #expect(rows.count == 2 && rows.allSatisfy { $0.source == "announcement:\(told.id)" && $0.state == .queued })
            #expect(try await calls { try $0.announcement(id: told.id) }?.occurrence == "2026-06-09T08:30:00")
        }
    }

    @Test("what members were told about an event, and withdrawing what was not sent yet", arguments: Backend.allCases)
    func notifiedAndWithdrawn(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0, t1 = t0.addingTimeInterval(3600)
            _ = try await calls {
                try $0.upsertMembers(
                    [input("ana@example.es", "Ana", locale: "es", lists: ["news"]), input("bo@example.be", "Bo", lists: ["news"])],
                    createLists: true, now: t0, welcome: nil)
            }
            let ana = try #require(try await calls { try $0.member(email: "ana@example.es") }).member.id
            let id = try await calls { [breakfast = breakfast()] in try $0.insertEvent(breakfast) }.id
            _ = try await calls { [rows = [
                reminder(eventId: id, occurrence: "20260609T083000", memberId: ana, key: "r9"),
                reminder(eventId: id, occurrence: "20260616T083000", memberId: ana, key: "r16"),
            ]] in try $0.enqueueLateReminders(rows) }
            let announced = try await calls { [n = notice("meetup-announcement", eventId: id, occurrence: "2026-06-23T08:30:00", due: t0)] in
                try $0.createAnnouncement(n, now: t0, makeRow: Self.row)
            }
            let pending = try await calls { [n = notice("meetup-announcement", eventId: id, occurrence: "2026-06-30T08:30:00", due: t1.addingTimeInterval(86_400))] in
                try $0.createAnnouncement(n, now: t0, makeRow: Self.row)
            }
            let cancelling = try await calls { [n = notice("meetup-cancelled", eventId: id, occurrence: "2026-06-23T08:30:00", due: t0)] in
                try $0.createAnnouncement(n, now: t0, makeRow: Self.row)
            }
            #expect(try await calls { try $0.notifiedOccurrences(eventId: id) }.isEmpty)

            // Sent: the reminder of the 9th, and the announcement of the 23rd to Ana; the rest goes back.
            let queue = calls.fixture.queue
            let claimed = try await queue.claim(owner: "w1", limit: 100, now: t1, lease: 600)
            let sentKeys: Set = ["r9", "announcement:\(announced.id):\(ana)"]
            let sending = claimed.filter { sentKeys.contains($0.idempotencyKey) }
            #expect(sending.count == 2)
            try await queue.record(sending.map { sent($0.id, at: t1) }, owner: "w1")
            _ = try await queue.releaseLeases(owner: "w1", now: t1)
            #expect(try await calls { try $0.notifiedOccurrences(eventId: id) } == ["2026-06-09T08:30:00", "2026-06-23T08:30:00"])

            // The 23rd cancelled: its announcement's unsent row goes, the cancellation stays.
            let one = try await calls {
                try $0.withdrawAnnouncements(
                    eventId: id, occurrence: "2026-06-23T08:30:00", keeping: ["meetup-cancelled"], reason: "the occurrence was cancelled", now: t1)
            }
            #expect(one == 1)
            var rows = try await calls.rows()
            let bo = try #require(try await calls { try $0.member(email: "bo@example.be") }).member.id
            #expect(rows["announcement:\(announced.id):\(bo)"]?.state == .cancelled)
            #expect(rows["announcement:\(announced.id):\(bo)"]?.reason == "the occurrence was cancelled")
            #expect(rows["announcement:\(announced.id):\(ana)"]?.state == .sent)
            #expect(rows["announcement:\(cancelling.id):\(bo)"]?.state == .queued)

            // Every occurrence, keeping nothing: the pending one is cancelled, and every unsent row of the event's announcements.
            let all = try await calls {
                try $0.withdrawAnnouncements(eventId: id, occurrence: nil, keeping: [], reason: "the event was cancelled", now: t1)
            }
            #expect(all == 2)
            rows = try await calls.rows()
            #expect(rows["announcement:\(cancelling.id):\(ana)"]?.reason == "the event was cancelled")
            #expect(rows["r16"]?.state == .queued)
            #expect(try await calls { try $0.announcement(id: pending.id) }?.state == .cancelled)
            #expect(try await calls { try $0.announcement(id: announced.id) }?.state == .queued)
            #expect(try await calls { try $0.withdrawAnnouncements(eventId: 999, occurrence: nil, keeping: [], reason: "-", now: t1) } == 0)
        }
    }
}

extension OperatorContractTests {
    @Test("on PostgreSQL, another daemon sees an event change's notices only once they commit, and claims them then")
    func noticesAreInvisibleUntilTheyCommit() async throws {
        try await Backend.withPostgresFixtures(2) { fixtures in
            let ctl = fixtures[0].postgres, daemon = fixtures[1].postgres
            let t0 = t0, t1 = t0.addingTimeInterval(60)
            _ = try await offPool {
                try ctl.upsertMembers(
                    [self.input("ana@example.es", "Ana", lists: ["news"]), self.input("bo@example.be", "Bo", lists: ["news"])],
                    createLists: true, now: t0, welcome: nil)
            }
            let id = try await offPool { [breakfast = breakfast()] in try ctl.insertEvent(breakfast) }.id
            let cancellation = notice("meetup-cancelled", eventId: id, occurrence: "2026-06-09T08:30:00", due: t0)
            let seenInside = try await offPool {
                try ctl.inOneTransaction {
                    _ = try ctl.setException(eventId: id, occurrence: "2026-06-09T08:30:00", movedTo: nil, restore: false, now: t1)
                    _ = try ctl.createAnnouncement(cancellation, now: t0, makeRow: Self.row)
                    // Another daemon, on its own pool, sees neither the change nor the rows yet.
                    let exceptions = try daemon.event(id: id)?.exceptions.count ?? -1
                    let claimed = try daemon.claim(owner: "d2", limit: 10, now: t1, lease: 60).count
                    return (exceptions, claimed)
                }
            }
            #expect(seenInside.0 == 0 && seenInside.1 == 0)
            #expect(try await offPool { try daemon.event(id: id)?.exceptions.count } == 1)
            #expect(try await offPool { try daemon.claim(owner: "d2", limit: 10, now: t1, lease: 60).count } == 2)
        }
    }
}

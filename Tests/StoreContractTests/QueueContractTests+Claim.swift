import Foundation
import StoreModel
import Synchronization
import Testing

extension QueueContractTests {
    @Test("enqueue ignores a message whose idempotency key is queued", arguments: Backend.allCases)
    func enqueueIsIdempotent(_ backend: Backend) async throws {
        try await backend.withFixture { fixture async throws in
            let queue = fixture.queue
            #expect(try await queue.enqueue([message("a", due: t0), message("b", due: t0)]) == 2)
            #expect(try await queue.enqueue([message("a", due: t0), message("c", due: t0), message("b", due: t0)]) == 1)
            #expect(try await queue.queueRows().map(\.idempotencyKey).sorted() == ["a", "b", "c"])
            #expect(try await queue.enqueue([]) == 0)
        }
    }

    @Test("claim takes due rows in due order, at most limit, under a lease", arguments: Backend.allCases)
    func claimOrderLimitLease(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            _ = try await queue.enqueue([
                message("third", due: t0.addingTimeInterval(-10)), message("first", due: t0.addingTimeInterval(-30)),
                message("later", due: t0.addingTimeInterval(3600)), message("second", due: t0.addingTimeInterval(-20)),
                message("fourth", due: t0),
            ])
            let claimed = try await queue.claim(owner: "w1", limit: 3, now: t0, lease: 60)
            #expect(claimed.map(\.idempotencyKey) == ["first", "second", "third"])
            for row in claimed {
                #expect(row.state == .sending && row.leaseOwner == "w1" && row.leaseExpiresAt == t0.addingTimeInterval(60))
                #expect(row.payload == Data("{\"k\":\"\(row.idempotencyKey)\"}".utf8))
            }
            let rest = try await queue.claim(owner: "w1", limit: 10, now: t0, lease: 60)
            #expect(rest.map(\.idempotencyKey) == ["fourth"])
            #expect(try await queue.queueCounts() == [.sending: 4, .scheduled: 1])
        }
    }

    @Test("a claimed row is not claimed again before its lease ends, and is after", arguments: Backend.allCases)
    func leaseHoldsThenExpires(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            _ = try await queue.enqueue([message("a", due: t0)])
            let first = try await queue.claim(owner: "w1", limit: 10, now: t0, lease: 60)
            #expect(first.count == 1)
            #expect(try await queue.claim(owner: "w2", limit: 10, now: t0.addingTimeInterval(60), lease: 60).isEmpty)
            let taken = try await queue.claim(owner: "w2", limit: 10, now: t0.addingTimeInterval(61), lease: 60)
            #expect(taken.map(\.id) == first.map(\.id))
            #expect(taken.first?.leaseOwner == "w2" && taken.first?.leaseExpiresAt == t0.addingTimeInterval(121))
            #expect(try await queue.revokedClaims(ids: first.map(\.id), owner: "w1") == Set(first.map(\.id)))
        }
    }

    @Test("two owners claiming at once never share a row and together get all", arguments: Backend.allCases)
    func concurrentClaimsAreDisjoint(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            let count = 300
            _ = try await queue.enqueue((0..<count).map { message("m\($0)", due: t0.addingTimeInterval(Double(-$0 % 17))) })
            let store = queue.store, now = t0
            let start = DispatchSemaphore(value: 0)
            let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for owner in ["w1", "w2"] {
                    group.addTask {
                        try await offPool {
                            start.wait()
                            var ids: [Int64] = []
                            while true {
                                let batch = try store.claim(owner: owner, limit: 7, now: now, lease: 300)
                                if batch.isEmpty { return ids }
                                guard batch.allSatisfy({ $0.leaseOwner == owner }) else { throw StoreError(.conflict, "foreign lease") }
                                ids += batch.map(\.id)
                            }
                        }
                    }
                }
                start.signal()
                start.signal()
                var all: [[Int64]] = []
                for try await ids in group { all.append(ids) }
                return all
            }
            let (one, two) = (Set(claims[0]), Set(claims[1]))
            #expect(claims[0].count == one.count && claims[1].count == two.count)
            #expect(one.isDisjoint(with: two))
            #expect(one.count + two.count == count)
            #expect(try await queue.queueCounts() == [.sending: count])
        }
    }

    @Test("a row past its notAfter is skipped at claim, with the reason", arguments: Backend.allCases)
    func notAfterSkip(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            let start = Date(timeIntervalSince1970: 1_772_357_400)  // 2026-03-01T09:30:00Z
            let now = start.addingTimeInterval(1800)
            _ = try await queue.enqueue([
                message("late", due: start.addingTimeInterval(-3600), notAfter: start),
                message("onTime", due: start.addingTimeInterval(-3600), notAfter: now.addingTimeInterval(60)),
            ])
            let claimed = try await queue.claim(owner: "w1", limit: 10, now: now, lease: 600)
            #expect(claimed.map(\.idempotencyKey) == ["onTime"])
            let skipped = try #require(try await queue.queueRows(state: .skipped).first)
            #expect(skipped.idempotencyKey == "late")
            #expect(skipped.reason == "not sent: the occurrence started at 2026-03-01T09:30:00Z before it could go out")
            #expect(skipped.leaseOwner == nil && skipped.updatedAt == now)
            // A leased row past its deadline is skipped only once its lease ran out.
            let onTime = try #require(claimed.first)
            #expect(try await queue.claim(owner: "w2", limit: 10, now: now.addingTimeInterval(61), lease: 60).isEmpty)
            #expect(try await queue.row(onTime.id)?.state == .sending)
            #expect(try await queue.claim(owner: "w2", limit: 10, now: now.addingTimeInterval(601), lease: 60).isEmpty)
            #expect(try await queue.row(onTime.id)?.state == .skipped)
        }
    }

    @Test("a row of a member no longer active is cancelled at claim", arguments: Backend.allCases)
    func inactiveMemberCancelled(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            let ann = try await fixture.addMember("ann@example.org")
            let bob = try await fixture.addMember("bob@example.org")
            try await fixture.unsubscribe("bob@example.org")
            _ = try await queue.enqueue([
                message("ann", due: t0, memberId: ann), message("bob", due: t0, memberId: bob), message("test", due: t0),
            ])
            let claimed = try await queue.claim(owner: "w1", limit: 10, now: t0, lease: 60)
            #expect(Set(claimed.map(\.idempotencyKey)) == ["ann", "test"])
            let cancelled = try await queue.queueRows(state: .cancelled)
            #expect(cancelled.map(\.idempotencyKey) == ["bob"])
            #expect(cancelled.first?.reason == "not sent: the member is unsubscribed")
        }
    }
}

extension QueueContractTests {
    @Test("a reminder of an occurrence its member declined is skipped at claim", arguments: Backend.allCases)
    func declinedReminderSkipped(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            let ann = try await fixture.addMember("ann@example.org")
            let bob = try await fixture.addMember("bob@example.org")
            let occurrence = "2026-06-01T19:00:00"
            let event = try await fixture.decline(memberId: ann, occurrence: occurrence)
            let declined = RSVPAnswer.reminderSource(eventId: event, occurrence: occurrence)
            let other = RSVPAnswer.reminderSource(eventId: event, occurrence: "2026-06-08T19:00:00")
            // Queued after her answer (a planner that had not seen it yet).
            _ = try await queue.enqueue([
                message("ann-declined", due: t0, memberId: ann, kind: "reminder", source: declined),
                message("ann-other", due: t0, memberId: ann, kind: "reminder", source: other),
                message("bob", due: t0, memberId: bob, kind: "reminder", source: declined),
                message("ann-announcement", due: t0, memberId: ann, source: declined),
            ])
            let claimed = try await queue.claim(owner: "w1", limit: 10, now: t0, lease: 60)
            #expect(Set(claimed.map(\.idempotencyKey)) == ["ann-other", "bob", "ann-announcement"])
            let skipped = try await queue.queueRows(state: .skipped)
            #expect(skipped.map(\.idempotencyKey) == ["ann-declined"])
            #expect(skipped.first?.reason == RSVPAnswer.declinedReminderReason)
        }
    }
}

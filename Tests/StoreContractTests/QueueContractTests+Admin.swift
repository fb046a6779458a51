import Foundation
import StoreModel
import Testing

extension QueueContractTests {
    @Test("requeue gives back the owner's untried rows, due at the date given", arguments: Backend.allCases)
    func requeue(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            _ = try await queue.enqueue([message("a", due: t0), message("b", due: t0)])
            let ids = try await queue.claim(owner: "w1", limit: 10, now: t0, lease: 60).map(\.id)
            let later = t0.addingTimeInterval(120)
            try await queue.requeue(ids: [ids[0]], owner: "w2", at: later, reason: "not mine")
            #expect(try await queue.row(ids[0])?.state == .sending)
            try await queue.requeue(ids: [ids[0]], owner: "w1", at: later, reason: "the relay is paused")
            try await queue.requeue(ids: [ids[1]], owner: "w1", at: later, reason: nil)
            let a = try #require(try await queue.row(ids[0]))
            #expect(a.state == .queued && a.nextAttemptAt == later && a.leaseOwner == nil && a.leaseExpiresAt == nil)
            #expect(a.reason == "the relay is paused" && a.attempts == 0)
            #expect(try await queue.row(ids[1])?.reason == nil)
            #expect(try await queue.claim(owner: "w2", limit: 10, now: later.addingTimeInterval(-1), lease: 60).isEmpty)
            #expect(try await queue.claim(owner: "w2", limit: 10, now: later, lease: 60).map(\.id) == ids)
        }
    }

    @Test("releaseLeases gives back one owner's rows only", arguments: Backend.allCases)
    func releaseLeasesPerOwner(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            _ = try await queue.enqueue((0..<4).map { message("m\($0)", due: t0) })
            let mine = try await queue.claim(owner: "w1", limit: 2, now: t0, lease: 60).map(\.id)
            let theirs = try await queue.claim(owner: "w2", limit: 2, now: t0, lease: 60).map(\.id)
            let now = t0.addingTimeInterval(5)
            #expect(try await queue.releaseLeases(owner: "w1", now: now) == 2)
            for id in mine {
                let row = try #require(try await queue.row(id))
                #expect(row.state == .queued && row.leaseOwner == nil && row.updatedAt == now)
            }
            for id in theirs { #expect(try await queue.row(id)?.leaseOwner == "w2") }
            #expect(try await queue.releaseLeases(owner: "w1", now: now) == 0)
        }
    }

    @Test("nextDueTime is the earliest due row or lease end", arguments: Backend.allCases)
    func nextDueTime(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            #expect(try await queue.nextDueTime() == nil)
            _ = try await queue.enqueue([message("a", due: t0.addingTimeInterval(100)), message("b", due: t0.addingTimeInterval(200))])
            #expect(try await queue.nextDueTime() == t0.addingTimeInterval(100))
            _ = try await queue.claim(owner: "w1", limit: 1, now: t0.addingTimeInterval(100), lease: 30)
            #expect(try await queue.nextDueTime() == t0.addingTimeInterval(130))
            _ = try await queue.claim(owner: "w1", limit: 1, now: t0.addingTimeInterval(200), lease: 300)
            #expect(try await queue.nextDueTime() == t0.addingTimeInterval(130))
        }
    }

    @Test("expireDeferred fails the rows deferred too long past their due time", arguments: Backend.allCases)
    func expireDeferred(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            let maxAge: TimeInterval = 5 * 86_400
            let now = t0.addingTimeInterval(maxAge + 10)
            _ = try await queue.enqueue([message("old", due: t0), message("recent", due: t0.addingTimeInterval(20)), message("queued", due: t0)])
            let claimed = try await queue.claim(owner: "w1", limit: 10, now: t0.addingTimeInterval(20), lease: 60)
            #expect(claimed.map(\.idempotencyKey) == ["old", "queued", "recent"])
            let ids = claimed.map(\.id)
            // Only deferred rows expire: one due as long ago but queued again stays.
            try await queue.requeue(ids: [ids[1]], owner: "w1", at: now.addingTimeInterval(600), reason: nil)
            try await queue.record(
                [ids[0], ids[2]].map { result($0, .deferred, outcome: "deferred", next: now.addingTimeInterval(600)) }, owner: "w1")
            #expect(try await queue.expireDeferred(olderThan: maxAge, now: now) == 1)
            let failed = try await queue.queueRows(state: .failed)
            #expect(failed.map(\.idempotencyKey) == ["old"])
            #expect(failed.first?.reason == "gave up: still deferred 5d after it was due" && failed.first?.updatedAt == now)
            #expect(try await queue.queueCounts() == [.failed: 1, .deferred: 1, .queued: 1])
        }
    }

    @Test("queueRows lists by due time without bodies; queueCounts counts by state", arguments: Backend.allCases)
    func listings(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            _ = try await queue.enqueue([
                message("c", due: t0.addingTimeInterval(30)), message("a", due: t0.addingTimeInterval(10)),
                message("b", due: t0.addingTimeInterval(20)), message("d", due: t0.addingTimeInterval(40)),
            ])
            let claimed = try #require(try await queue.claim(owner: "w1", limit: 1, now: t0.addingTimeInterval(10), lease: 60).first)
            try await queue.record(
                [result(claimed.id, .deferred, outcome: "deferred", next: t0.addingTimeInterval(35), body: Data("bytes".utf8))], owner: "w1")
            let rows = try await queue.queueRows()
            #expect(rows.map(\.idempotencyKey) == ["b", "c", "a", "d"])
            #expect(rows.allSatisfy { $0.body == nil })
            #expect(try await queue.queueRows(limit: 2).map(\.idempotencyKey) == ["b", "c"])
            #expect(try await queue.queueRows(state: .deferred).map(\.idempotencyKey) == ["a"])
            #expect(try await queue.queueRows(state: .sent).isEmpty)
            #expect(try await queue.queueCounts() == [.scheduled: 3, .deferred: 1])
        }
    }
}

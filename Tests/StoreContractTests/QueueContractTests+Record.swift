import Foundation
import StoreModel
import Testing

extension QueueContractTests {
    @Test("record commits sent, deferred and failed rows with their attempts", arguments: Backend.allCases)
    func recordOutcomes(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            let cat = try await fixture.addMember("cat@example.org")
            _ = try await queue.enqueue([
                message("sent", due: t0), message("deferred", due: t0.addingTimeInterval(1)),
                message("failed", due: t0.addingTimeInterval(2), memberId: cat),
                message("throttled", due: t0.addingTimeInterval(3)),
            ])
            let ids = try await queue.claim(owner: "w1", limit: 10, now: t0.addingTimeInterval(3), lease: 3).map(\.id)
            try #require(ids.count == 4)
            let body = Data("Subject: hi\r\n\r\nbody\r\n".utf8)
            let finished = t0.addingTimeInterval(2)
            try await queue.record([
                result(ids[0], .sent, outcome: "sent", finished: finished, body: body),
                result(ids[1], .deferred, outcome: "deferred", next: t0.addingTimeInterval(300), body: body),
                result(ids[2], .failed, outcome: "bounced", reason: "550 5.1.1 no such user", bounce: true),
                result(ids[3], .queued, outcome: "throttled", counts: false, next: t0.addingTimeInterval(60)),
            ], owner: "w1")
            #expect(try await queue.queueCounts() == [.sent: 1, .deferred: 1, .failed: 1, .queued: 1])
            let sent = try #require(try await queue.row(ids[0]))
            #expect(sent.state == .sent && sent.sentAt == finished && sent.attempts == 1 && sent.leaseOwner == nil)
            #expect(sent.lastReplyCode == 250 && sent.lastReplyEnhanced == "2.0.0" && sent.updatedAt == finished)
            let deferred = try #require(try await queue.row(ids[1]))
            #expect(deferred.state == .deferred && deferred.nextAttemptAt == t0.addingTimeInterval(300) && deferred.attempts == 1)
            #expect(deferred.lastReplyCode == 451 && deferred.sentAt == nil && deferred.leaseExpiresAt == nil)
            let failed = try #require(try await queue.row(ids[2]))
            #expect(failed.state == .failed && failed.reason == "550 5.1.1 no such user" && failed.attempts == 1)
            #expect(try await fixture.memberStatus("cat@example.org") == "bounced")
            let throttled = try #require(try await queue.row(ids[3]))
            #expect(throttled.state == .queued && throttled.attempts == 0 && throttled.nextAttemptAt == t0.addingTimeInterval(60))
            #expect(try await queue.sentTimes(since: t0) == [finished])
            #expect(try await queue.sentTimes(since: finished.addingTimeInterval(1)).isEmpty)
            // The deferred row kept the composed bytes (the retry resends them); the sent one dropped them.
            let retried = try await queue.claim(owner: "w1", limit: 10, now: t0.addingTimeInterval(300), lease: 60)
            #expect(retried.map(\.id) == [ids[3], ids[1]])
            #expect(retried.last?.body == body && retried.first?.body == nil)
        }
    }

    @Test("a row whose lease its owner lost gets the attempt only", arguments: Backend.allCases)
    func lostLeaseGetsAttemptOnly(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            _ = try await queue.enqueue([message("a", due: t0)])
            let id = try #require(try await queue.claim(owner: "w1", limit: 1, now: t0, lease: 10).first?.id)
            _ = try await queue.claim(owner: "w2", limit: 1, now: t0.addingTimeInterval(11), lease: 60)
            let finished = t0.addingTimeInterval(12)
            try await queue.record([result(id, .sent, outcome: "sent", finished: finished)], owner: "w1")
            let row = try #require(try await queue.row(id))
            #expect(row.state == .sending && row.leaseOwner == "w2" && row.attempts == 0 && row.sentAt == nil)
            #expect(try await queue.sentTimes(since: t0) == [finished])
        }
    }

    @Test("a row sent after an operator held it is recorded as sent", arguments: Backend.allCases)
    func sentAfterOperatorHold(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            _ = try await queue.enqueue([message("a", due: t0), message("b", due: t0)])
            let ids = try await queue.claim(owner: "w1", limit: 10, now: t0, lease: 60).map(\.id)
            try await fixture.hold(ids[0])
            try await fixture.hold(ids[1])
            #expect(try await queue.revokedClaims(ids: ids, owner: "w1") == Set(ids))
            try await queue.record([
                result(ids[0], .sent, outcome: "sent"),
                result(ids[1], .deferred, outcome: "deferred", next: t0.addingTimeInterval(300)),
            ], owner: "w1")
            let sent = try #require(try await queue.row(ids[0]))
            #expect(sent.state == .sent && sent.attempts == 1 && sent.sentAt == t0.addingTimeInterval(1))
            #expect(sent.reason == "sent: it had already started when an operator made it held")
            let held = try #require(try await queue.row(ids[1]))
            #expect(held.state == .held && held.attempts == 0)
        }
    }

    @Test("revokedClaims names the claimed rows that are no longer the owner's", arguments: Backend.allCases)
    func revokedClaims(_ backend: Backend) async throws {
        try await backend.withFixture { fixture in
            let queue = fixture.queue
            _ = try await queue.enqueue([message("a", due: t0), message("b", due: t0), message("c", due: t0)])
            let ids = try await queue.claim(owner: "w1", limit: 10, now: t0, lease: 60).map(\.id)
            #expect(try await queue.revokedClaims(ids: ids, owner: "w1").isEmpty)
            try await fixture.hold(ids[1])
            #expect(try await queue.revokedClaims(ids: ids, owner: "w1") == [ids[1]])
            #expect(try await queue.revokedClaims(ids: ids, owner: "w2") == Set(ids))
            #expect(try await queue.revokedClaims(ids: [], owner: "w1").isEmpty)
        }
    }
}

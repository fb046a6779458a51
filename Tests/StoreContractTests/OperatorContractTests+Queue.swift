import Foundation
import StoreModel
import Testing

extension OperatorContractTests {
    /// A row for the queue actions: no member, due at `due`.
    func message(_ key: String, due: Date) -> QueueMessage {
        QueueMessage(
            idempotencyKey: key, kind: "announcement", source: "announcement:1", memberId: nil, recipient: "\(key)@example.org",
            recipientName: key, locale: "fr", template: "newsletter", payload: nil, dueAt: due, notAfter: nil,
            messageId: "<\(key)@relais.test>", now: t0)
    }

    /// What the daemon records for row `id`.
    func outcome(_ id: Int64, _ state: QueueMessage.State, at finished: Date) -> DeliveryResult {
        DeliveryResult(
            queueId: id, state: state, outcome: state == .failed ? "failed" : "deferred", countsAsAttempt: true,
            nextAttemptAt: state == .deferred ? finished.addingTimeInterval(600) : nil, replyCode: state == .failed ? 550 : 451,
            replyEnhanced: state == .failed ? "5.1.1" : "4.7.1", replyText: "no", reason: nil, startedAt: t0, finishedAt: finished,
            bounceMember: false, body: state == .deferred ? Data("bytes".utf8) : nil)
    }

    @Test("hold, release, retry and cancel change the rows they apply to and refuse the others by id", arguments: Backend.allCases)
    func queueActions(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0, t1 = t0.addingTimeInterval(60), later = t0.addingTimeInterval(3600)
            let queue = calls.fixture.queue
            _ = try await queue.enqueue([message("a", due: t0), message("b", due: t0), message("c", due: later), message("d", due: t0)])
            let ids = try await queue.queueRows().sorted { $0.idempotencyKey < $1.idempotencyKey }.map(\.id)
            let claimed = try await queue.claim(owner: "w1", limit: 1, now: t0, lease: 60)
            #expect(claimed.map(\.id) == [ids[0]])
            try await queue.record([outcome(ids[0], .failed, at: t0.addingTimeInterval(1))], owner: "w1")

            let held = try await calls { try $0.apply(.hold, ids: [ids[1], ids[2], ids[0], 9_999], state: nil, since: nil, now: t1) }
            #expect(held.changed == [ids[1], ids[2]])
            #expect(held.refused == ["9999: no such message", "\(ids[0]): failed, cannot hold"])
            let released = try await calls { try $0.apply(.release, ids: nil, state: .held, since: nil, now: t1) }
            #expect(released.changed == [ids[1], ids[2]] && released.refused.isEmpty)
            var rows = try await calls.rows()
            #expect(rows["b"]?.state == .queued && rows["c"]?.state == .scheduled)

            let retried = try await calls { try $0.apply(.retry, ids: nil, state: nil, since: nil, now: t1) }
            #expect(retried.changed == [ids[0]] && retried.refused.isEmpty)
            let retriedRow = try #require(try await queue.row(ids[0]))
            #expect(retriedRow.state == .queued && retriedRow.nextAttemptAt == t1 && retriedRow.reason == nil && retriedRow.updatedAt == t1)

            let cancelled = try await calls { try $0.apply(.cancel, ids: nil, state: .queued, since: t1, now: t1) }
            #expect(cancelled.changed == [ids[0], ids[1]])
            rows = try await calls.rows()
            #expect(rows["a"]?.state == .cancelled && rows["a"]?.reason == "cancelled by an operator")
            #expect(rows["d"]?.state == .queued)
            let again = try await calls { try $0.apply(.cancel, ids: [ids[0]], state: nil, since: nil, now: t1) }
            #expect(again.changed.isEmpty && again.refused == ["\(ids[0]): cancelled, cannot cancel"])
        }
    }

    @Test("flush makes deferred rows and queued rows put back for later due now; show has the body and attempts", arguments: Backend.allCases)
    func flushAndShow(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0, t1 = t0.addingTimeInterval(60)
            let queue = calls.fixture.queue
            _ = try await queue.enqueue([message("a", due: t0), message("b", due: t0), message("c", due: t0)])
            let claimed = try await queue.claim(owner: "w1", limit: 2, now: t0, lease: 60).map(\.id)
            try await queue.record([outcome(claimed[0], .deferred, at: t0.addingTimeInterval(1))], owner: "w1")
            try await queue.requeue(ids: [claimed[1]], owner: "w1", at: t0.addingTimeInterval(900), reason: "the relay is paused")
            #expect(try await calls { try $0.flushDeferred(now: t1) } == 2)
            let rows = try await queue.queueRows()
            #expect(rows.allSatisfy { $0.state == .queued } && rows.filter { $0.nextAttemptAt == t1 }.count == 2)
            #expect(try await calls { try $0.flushDeferred(now: t1) } == 0)

            let entry = try #require(try await calls { try $0.queueEntry(id: claimed[0]) })
            #expect(entry.row.body == Data("bytes".utf8) && entry.row.idempotencyKey == "a")
            #expect(entry.attempts.map(\.outcome) == ["deferred"] && entry.attempts.first?.replyCode == 451)
            #expect(entry.attempts.first?.finishedAt == t0.addingTimeInterval(1) && entry.attempts.first?.replyText == "no")
            #expect(try await calls { try $0.queueEntry(id: 9_999) } == nil)
        }
    }
}

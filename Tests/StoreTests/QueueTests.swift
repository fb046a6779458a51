import Foundation
import RelaisTestSupport
import Store
import Testing

@Suite struct QueueTests {
    let directory = TemporaryDirectory()
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    func store() throws -> RelaisStore { try RelaisStore(path: directory.file("relais.sqlite")) }

    func row(_ key: String, due: Date, notAfter: Date? = nil, memberId: Int64? = nil) -> QueueMessage {
        QueueMessage(
            idempotencyKey: key, kind: "announcement", source: "announcement:1", memberId: memberId, recipient: "\(key)@example.org",
            recipientName: key, locale: "fr", template: "newsletter", payload: nil, dueAt: due, notAfter: notAfter,
            messageId: "<\(key)@relais.test>", now: t0)
    }

    func result(_ id: Int64, _ state: QueueMessage.State, outcome: String, counts: Bool = true, next: Date? = nil, bounce: Bool = false) -> DeliveryResult {
        DeliveryResult(
            queueId: id, state: state, outcome: outcome, countsAsAttempt: counts, nextAttemptAt: next, replyCode: 250,
            replyEnhanced: "2.0.0", replyText: "OK", reason: nil, startedAt: t0, finishedAt: t0.addingTimeInterval(1), bounceMember: bounce)
    }

    @Test func enqueueIsIdempotentPerKey() throws {
        let store = try store()
        #expect(try store.enqueue([row("a", due: t0), row("b", due: t0)]) == 2)
        #expect(try store.enqueue([row("a", due: t0), row("c", due: t0)]) == 1)
        #expect(try store.queueRows().count == 3)
    }

    @Test func claimTakesOnlyDueRowsAndLeasesThem() throws {
        let store = try store()
        _ = try store.enqueue([row("now", due: t0), row("later", due: t0.addingTimeInterval(3600))])
        let claimed = try store.claim(owner: "w1", limit: 10, now: t0, lease: 60)
        #expect(claimed.map(\.idempotencyKey) == ["now"])
        #expect(claimed.first?.state == .sending && claimed.first?.leaseOwner == "w1")
        // A second worker gets nothing while the lease holds...
        #expect(try store.claim(owner: "w2", limit: 10, now: t0.addingTimeInterval(30), lease: 60).isEmpty)
        // ...and the row once it expired (its worker died).
        #expect(try store.claim(owner: "w2", limit: 10, now: t0.addingTimeInterval(61), lease: 60).map(\.idempotencyKey) == ["now"])
        // The earliest due time is now the new lease's expiry.
        #expect(try store.nextDueTime() == t0.addingTimeInterval(121))
    }

    @Test func recordSentDeferredAndLostLease() throws {
        let store = try store()
        _ = try store.enqueue([row("a", due: t0), row("b", due: t0)])
        let claimed = try store.claim(owner: "w1", limit: 10, now: t0, lease: 60)
        let (a, b) = (claimed[0].id, claimed[1].id)
        try store.record([
            result(a, .sent, outcome: "sent"),
            result(b, .deferred, outcome: "deferred", next: t0.addingTimeInterval(300)),
        ], owner: "w1")
        let rowA = try #require(try store.queueEntry(id: a))
        #expect(rowA.row.state == .sent && rowA.row.sentAt != nil && rowA.row.attempts == 1 && rowA.attempts.count == 1)
        let rowB = try #require(try store.queueEntry(id: b))
        #expect(rowB.row.state == .deferred && rowB.row.nextAttemptAt == t0.addingTimeInterval(300))
        // A result from a worker that no longer holds the lease changes nothing but the ledger.
        try store.record([result(b, .failed, outcome: "failed")], owner: "w-stale")
        let again = try #require(try store.queueEntry(id: b))
        #expect(again.row.state == .deferred && again.attempts.count == 2)
        #expect(try store.sentTimes(since: t0).count == 1)
    }

    @Test func throttlingDoesNotCountAsAnAttempt() throws {
        let store = try store()
        _ = try store.enqueue([row("a", due: t0)])
        let id = try store.claim(owner: "w", limit: 1, now: t0, lease: 60)[0].id
        try store.record([result(id, .queued, outcome: "throttled", counts: false, next: t0.addingTimeInterval(30))], owner: "w")
        let entry = try #require(try store.queueEntry(id: id))
        #expect(entry.row.attempts == 0 && entry.row.state == .queued && entry.attempts.first?.countsAsAttempt == false)
    }

    @Test func bounceMarksTheMember() throws {
        let store = try store()
        _ = try store.upsertMembers([MemberInput(email: "gone@example.org", name: "Gone", locale: "fr", lists: [])])
        let memberId = try #require(try store.member(email: "gone@example.org")?.member.id)
        _ = try store.enqueue([row("gone", due: t0, memberId: memberId)])
        let id = try store.claim(owner: "w", limit: 1, now: t0, lease: 60)[0].id
        try store.record([result(id, .failed, outcome: "bounced", bounce: true)], owner: "w")
        let member = try #require(try store.member(email: "gone@example.org"))
        #expect(member.member.status == .bounced && member.member.bounceReply?.contains("250") == true)
    }

    @Test func pastNotAfterIsSkippedWithAReason() throws {
        let store = try store()
        _ = try store.enqueue([row("late", due: t0, notAfter: t0.addingTimeInterval(10))])
        #expect(try store.claim(owner: "w", limit: 10, now: t0.addingTimeInterval(11), lease: 60).isEmpty)
        let entry = try #require(try store.queueRows().first)
        #expect(entry.state == .skipped)
        #expect(entry.reason?.contains("occurrence started") == true)
    }

    @Test func releaseLeasesOnShutdown() throws {
        let store = try store()
        _ = try store.enqueue([row("a", due: t0)])
        _ = try store.claim(owner: "w", limit: 1, now: t0, lease: 600)
        #expect(try store.releaseLeases(owner: "other") == 0)
        #expect(try store.releaseLeases(owner: "w") == 1)
        #expect(try store.queueRows().first?.state == .queued)
        #expect(try store.claim(owner: "x", limit: 1, now: t0, lease: 600).count == 1)
    }

    @Test func operatorActions() throws {
        let store = try store()
        _ = try store.enqueue([row("a", due: t0.addingTimeInterval(60)), row("b", due: t0), row("c", due: t0)])
        let byKey = Dictionary(uniqueKeysWithValues: try store.queueRows().map { ($0.idempotencyKey, $0.id) })
        let ids = [byKey["a"]!, byKey["b"]!, byKey["c"]!]
        var change = try store.apply(.hold, ids: [ids[0], ids[1]], now: t0)
        #expect(change.changed.count == 2)
        #expect(try store.claim(owner: "w", limit: 10, now: t0.addingTimeInterval(120), lease: 60).map(\.idempotencyKey) == ["c"])
        change = try store.apply(.release, ids: [ids[0]], now: t0)
        #expect(try store.queueEntry(id: ids[0])?.row.state == .scheduled)
        change = try store.apply(.cancel, ids: [ids[1], 999], now: t0)
        #expect(change.changed == [ids[1]] && change.refused == ["999: no such message"])
        // A claimed row can be held: the daemon drops it before it starts…
        change = try store.apply(.hold, ids: [ids[2]], now: t0)
        #expect(change.changed == [ids[2]] && change.refused.isEmpty)
        #expect(try store.queueCounts() == [.scheduled: 1, .cancelled: 1, .held: 1])
        #expect(try store.revokedClaims(ids: [ids[2]], owner: "w") == [ids[2]])
        // …and if it had already started and the relay accepted it, it is recorded as sent, so a
        // release cannot send it twice.
        try store.record([DeliveryResult(
            queueId: ids[2], state: .sent, outcome: "sent", countsAsAttempt: true, nextAttemptAt: nil, replyCode: 250,
            replyEnhanced: nil, replyText: "ok", reason: nil, startedAt: t0, finishedAt: t0)], owner: "w")
        let entry = try #require(try store.queueEntry(id: ids[2]))
        #expect(entry.row.state == .sent && entry.row.reason?.contains("already started") == true)
        #expect(try store.apply(.release, ids: [ids[2]], now: t0).refused == ["\(ids[2]): sent, cannot release"])
    }

    @Test func aRowHeldAndReleasedWhileInFlightIsRecordedAsSent() throws {
        let store = try store()
        _ = try store.enqueue([row("a", due: t0)])
        let id = try #require(try store.claim(owner: "w", limit: 1, now: t0, lease: 600).first?.id)
        // The operator holds, then releases, while the daemon is sending it.
        #expect(try store.apply(.hold, ids: [id], now: t0).changed == [id])
        #expect(try store.apply(.release, ids: [id], now: t0).changed == [id])
        try store.record([DeliveryResult(
            queueId: id, state: .sent, outcome: "sent", countsAsAttempt: true, nextAttemptAt: nil, replyCode: 250,
            replyEnhanced: nil, replyText: "ok", reason: nil, startedAt: t0, finishedAt: t0)], owner: "w")
        // It went out: the next claim must not send it again.
        #expect(try store.queueEntry(id: id)?.row.state == .sent)
        #expect(try store.claim(owner: "w", limit: 1, now: t0.addingTimeInterval(1), lease: 600).isEmpty)
    }

    @Test func flushAndExpireDeferred() throws {
        let store = try store()
        _ = try store.enqueue([row("a", due: t0), row("b", due: t0)])
        let claimed = try store.claim(owner: "w", limit: 2, now: t0, lease: 60)
        try store.record(claimed.map { result($0.id, .deferred, outcome: "deferred", next: t0.addingTimeInterval(3600)) }, owner: "w")
        #expect(try store.flushDeferred(now: t0.addingTimeInterval(10)) == 2)
        #expect(try store.claim(owner: "w", limit: 2, now: t0.addingTimeInterval(10), lease: 60).count == 2)
        try store.record(claimed.map { result($0.id, .deferred, outcome: "deferred", next: t0.addingTimeInterval(3600)) }, owner: "w")
        #expect(try store.expireDeferred(olderThan: 5 * 86400, now: t0.addingTimeInterval(4 * 86400)) == 0)
        #expect(try store.expireDeferred(olderThan: 5 * 86400, now: t0.addingTimeInterval(5 * 86400 + 1)) == 2)
        #expect(try store.queueRows(state: .failed).first?.reason == "gave up: still deferred 5d after it was due")
    }
}

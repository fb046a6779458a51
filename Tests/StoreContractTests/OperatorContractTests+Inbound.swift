import Foundation
import StoreModel
import Testing

/// What the bounce mailbox records (``InboundStore``), the same tests on every backend.
extension OperatorContractTests {
    /// The VERP token of the row relaisctl's announce made for member `memberId` (see ``row(_:_:)``).
    static func token(announcement: Int64, member: Int64) -> String { "a\(announcement)m\(member)" }

    func report(
        _ key: String, _ kind: InboundReport.Kind, mailbox: String? = nil, tokens: [String] = [], status: String? = nil,
        detail: String? = nil, recipient: String? = nil, originalMessageId: String? = nil, listId: Int64? = nil
    ) -> InboundReport {
        var report = InboundReport(key: key, mailbox: mailbox, kind: kind)
        report.tokens = tokens
        report.status = status
        report.detail = detail
        report.recipient = recipient
        report.originalMessageId = originalMessageId
        report.listId = listId
        return report
    }

    @Test("a hard bounce marks her bounced and cancels what waits for her, once for a message recorded twice", arguments: Backend.allCases)
    func inboundHardBounce(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t1 = t0.addingTimeInterval(60), t2 = t0.addingTimeInterval(120)
            let (news, events) = try await twoAnnouncements(calls)
            let ana = try #require(try await calls { try $0.member(email: "ana@example.es") }).member.id
            let hard = report(
                "<dsn1@mx.example>", .hard, mailbox: "7:1", tokens: ["nope", Self.token(announcement: news, member: ana)], status: "5.1.1",
                detail: "550 5.1.1 no such user")
            let first = try await calls { try $0.recordInbound(hard, softLimit: 3, softWindow: 86_400, now: t1) }
            #expect(first.outcome == .bounced && first.firstTime)
            let again = try await calls { try $0.recordInbound(hard, softLimit: 3, softWindow: 86_400, now: t2) }
            #expect(again.outcome == .bounced && !again.firstTime)

            let member = try #require(try await calls { try $0.member(email: "ana@example.es") }).member
            #expect(member.status == .bounced && member.bounceReply == "5.1.1 550 5.1.1 no such user" && member.updatedAt == t1)
            let rows = try await calls.rows()
            for key in ["announcement:\(news):\(ana)", "announcement:\(events):\(ana)"] {
                #expect(rows[key]?.state == .cancelled && rows[key]?.reason == "not sent: the address bounced", "\(key)")
            }
            #expect(rows.filter { $0.value.state != .cancelled }.count == 1)
            #expect(try await calls { try $0.memberChanges(email: "ana@example.es") }
                == [MemberChange(at: t1, source: .bounce, change: .bounced, detail: "5.1.1")])
            let records = try await calls { try $0.inboundRecords(limit: 10) }
            #expect(records.count == 1)
            let queueId = try #require(try await calls { try $0.queueRows(state: nil, limit: nil) }
                .first { $0.idempotencyKey == "announcement:\(news):\(ana)" }?.id)
            #expect(records.first == InboundRecord(
                id: records[0].id, receivedAt: t1, kind: .hard, outcome: .bounced, email: "ana@example.es", status: "5.1.1", queueId: queueId))
            #expect(try await calls { try $0.inboundOutcome(key: "<dsn1@mx.example>") } == .bounced)
            #expect(try await calls { try $0.inboundOutcome(key: "<dsn2@mx.example>") } == nil)
        }
    }

    @Test("soft bounces are counted within the window, and the limit-th marks her bounced", arguments: Backend.allCases)
    func inboundSoftBounces(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0
            _ = try await twoAnnouncements(calls)
            var outcomes: [InboundOutcome] = []
            // Window one hour, limit two: the second is two hours after the first (counted alone);
            // the third comes a minute after the second.
            for (index, offset) in [0, 7200, 7260].enumerated() {
                let soft = report("<soft\(index)@mx.example>", .soft, status: "4.2.2", recipient: "ANA@example.ES")
                let recorded = try await calls { try $0.recordInbound(soft, softLimit: 2, softWindow: 3600, now: t0.addingTimeInterval(Double(offset))) }
                outcomes.append(recorded.outcome)
                if index == 0 { #expect(try await calls { try $0.member(email: "ana@example.es") }?.member.status == .active) }
            }
            #expect(outcomes == [.counted, .counted, .bounced])
            let member = try #require(try await calls { try $0.member(email: "ana@example.es") }).member
            #expect(member.status == .bounced && member.bounceReply == "4.2.2")
            #expect(try await calls { try $0.memberChanges(email: "ana@example.es") }
                == [MemberChange(at: t0.addingTimeInterval(7260), source: .bounce, change: .bounced, detail: "soft bounces: 4.2.2")])
            let records = try await calls { try $0.inboundRecords(limit: 2) }
            #expect(records.map(\.outcome) == [.bounced, .counted] && records.allSatisfy { $0.email == "ana@example.es" && $0.queueId == nil })
        }
    }

    @Test("a complaint makes her leave everything; a mailto unsubscribe takes her off that list only", arguments: Backend.allCases)
    func inboundComplaintAndUnsubscribe(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t1 = t0.addingTimeInterval(60), t2 = t0.addingTimeInterval(120)
            let (news, events) = try await twoAnnouncements(calls)
            let ana = try #require(try await calls { try $0.member(email: "ana@example.es") }).member.id
            let bo = try #require(try await calls { try $0.member(email: "bo@example.be") }).member.id
            let eventsId = try #require(try await calls.web { try $0.listID(named: "events") })

            // Ana writes to the mailto: address of the events list: she leaves it, her news row stays.
            let mailto = report("<unsub1@ana.example>", .unsubscribe, tokens: [Self.token(announcement: events, member: ana)], listId: eventsId)
            #expect(try await calls { try $0.recordInbound(mailto, softLimit: 3, softWindow: 86_400, now: t1) } == (.leftList, true))
            var rows = try await calls.rows()
            #expect(rows["announcement:\(events):\(ana)"]?.state == .cancelled)
            #expect(rows["announcement:\(events):\(ana)"]?.reason == "not sent: the member left the list events")
            #expect(rows["announcement:\(news):\(ana)"]?.state == .queued)
            let listing = try #require(try await calls { try $0.member(email: "ana@example.es") })
            #expect(listing.member.status == .active && listing.lists == ["news"] && listing.unsubscribedLists == ["events"])
            #expect(try await calls { try $0.memberChanges(email: "ana@example.es") }
                == [MemberChange(at: t1, source: .mail, change: .leftList, list: "events")])
            // Bo is not on events: left for people, about nobody.
            let notOn = report("<unsub2@bo.example>", .unsubscribe, tokens: [Self.token(announcement: news, member: bo)], listId: eventsId)
            #expect(try await calls { try $0.recordInbound(notOn, softLimit: 3, softWindow: 86_400, now: t1) } == (.unmatched, true))

            // Bo complains about the news, found by the original's Message-ID.
            let complaint = report("<arf1@isp.example>", .complaint, status: "abuse", originalMessageId: "<a\(news)m\(bo)@relais.test>")
            #expect(try await calls { try $0.recordInbound(complaint, softLimit: 3, softWindow: 86_400, now: t2) } == (.unsubscribed, true))
            rows = try await calls.rows()
            #expect(rows["announcement:\(news):\(bo)"]?.state == .cancelled)
            #expect(rows["announcement:\(news):\(bo)"]?.reason == "not sent: the member complained")
            let bob = try #require(try await calls { try $0.member(email: "bo@example.be") })
            #expect(bob.member.status == .unsubscribed && bob.lists.isEmpty && bob.unsubscribedLists == ["news"])
            #expect(try await calls { try $0.memberChanges(email: "bo@example.be") }
                == [MemberChange(at: t2, source: .complaint, change: .leftEverything, detail: "abuse")])
            let records = try await calls { try $0.inboundRecords(limit: 10) }
            #expect(records.map(\.kind) == [.complaint, .unsubscribe, .unsubscribe])
            #expect(records.map(\.email) == ["bo@example.be", nil, "ana@example.es"])
        }
    }

    @Test("mail about nobody and mail for people are kept by mailbox position, to be skipped", arguments: Backend.allCases)
    func inboundLeftForPeople(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t1 = t0.addingTimeInterval(60)
            _ = try await twoAnnouncements(calls)
            let stranger = report("<dsn9@mx.example>", .hard, mailbox: "7:1", status: "5.1.1", recipient: "nobody@example.org")
            #expect(try await calls { try $0.recordInbound(stranger, softLimit: 3, softWindow: 86_400, now: t1) } == (.unmatched, true))
            let human = report("imap:7:2", .human, mailbox: "7:2", recipient: "ana@example.es")
            #expect(try await calls { try $0.recordInbound(human, softLimit: 3, softWindow: 86_400, now: t1) } == (.human, true))
            #expect(try await calls { try $0.recordInbound(human, softLimit: 3, softWindow: 86_400, now: t1) } == (.human, false))
            let known = report("<dsn10@mx.example>", .hard, mailbox: "7:3", status: "5.1.1", recipient: "bo@example.be")
            #expect(try await calls { try $0.recordInbound(known, softLimit: 3, softWindow: 86_400, now: t1) } == (.bounced, true))
            #expect(try await calls { try $0.inboundPositionsLeftForPeople() } == ["7:1", "7:2"])
            #expect(try await calls { try $0.member(email: "ana@example.es") }?.member.status == .active)
            let records = try await calls { try $0.inboundRecords(limit: 10) }
            #expect(records.map(\.outcome) == [.bounced, .human, .unmatched] && records.map(\.email) == ["bo@example.be", nil, nil])
        }
    }

    @Test("PostgreSQL: a message two daemons record at the same moment is recorded and counted once")
    func concurrentInbound() async throws {
        try await Backend.withPostgresFixtures(2) { fixtures async throws in
            let t0 = t0
            _ = try await fixtures[0].addMember("ana@example.es", name: "Ana", lists: ["news"])
            let stores = fixtures.map(\.postgres)
            for round in 0..<20 {
                let soft = report("<soft\(round)@mx.example>", .soft, status: "4.2.2", recipient: "ana@example.es")
                let results = try await QueueContractTests.atOnce(stores) { store, _ in
                    try store.recordInbound(soft, softLimit: 1000, softWindow: 86_400, now: t0)
                }
                #expect(results.filter(\.firstTime).count == 1 && results.allSatisfy { $0.outcome == .counted }, "round \(round): \(results)")
            }
            let records = try await offPool { try stores[1].inboundRecords(limit: 100) }
            #expect(records.count == 20 && records.allSatisfy { $0.email == "ana@example.es" && $0.outcome == .counted })
        }
    }
}

import Foundation
import StoreModel
import Testing

extension OperatorContractTests {
    /// Ana on news and events, Bo on news; one announcement due now to each list (rows queued).
    func twoAnnouncements(_ calls: OperatorStoreCalls) async throws -> (news: Int64, events: Int64) {
        let t0 = t0
        _ = try await calls {
            try $0.upsertMembers(
                [input("ana@example.es", "Ana", locale: "es", lists: ["news", "events"]), input("bo@example.be", "Bo", lists: ["news"])],
                createLists: true, now: t0, welcome: nil)
        }
        let news = try await calls { try $0.createAnnouncement(announcement(["news"], due: t0), now: t0, makeRow: Self.row) }
        let events = try await calls { try $0.createAnnouncement(announcement(["events"], due: t0), now: t0, makeRow: Self.row) }
        return (news.id, events.id)
    }

    @Test("leaving one list cancels her rows no list of hers still wants, in the same transaction", arguments: Backend.allCases)
    func unsubscribeFromOneList(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t1 = t0.addingTimeInterval(60)
            let (news, events) = try await twoAnnouncements(calls)
            let ana = try #require(try await calls { try $0.member(email: "ana@example.es") }).member.id
            try await calls { try $0.unsubscribe(email: "ana@example.es", list: "EVENTS", now: t1) }
            let rows = try await calls.rows()
            #expect(rows["announcement:\(events):\(ana)"]?.state == .cancelled)
            #expect(rows["announcement:\(events):\(ana)"]?.reason == "not sent: the member left the list EVENTS")
            #expect(rows["announcement:\(news):\(ana)"]?.state == .queued)
            let listing = try #require(try await calls { try $0.member(email: "ana@example.es") })
            #expect(listing.lists == ["news"] && listing.unsubscribedLists == ["events"] && listing.member.status == .active)
            #expect(try await calls { try $0.memberChanges(email: "ana@example.es") }
                == [MemberChange(at: t1, source: .cli, change: .leftList, list: "EVENTS")])

            let notOn = await calls.failure { try $0.unsubscribe(email: "bo@example.be", list: "events", now: t1) }
            #expect(notOn?.kind == .notFound && notOn?.message == #"bo@example.be is not on list "events""#)
            let noList = await calls.failure { try $0.unsubscribe(email: "bo@example.be", list: "nope", now: t1) }
            #expect(noList?.kind == .notFound && noList?.message == #"no list named "nope""#)
            let nobody = await calls.failure { try $0.unsubscribe(email: "cy@example.fr", list: nil, now: t1) }
            #expect(nobody?.kind == .notFound && nobody?.message == "no member with address cy@example.fr")
        }
    }

    @Test("leaving everything cancels every unsent row of hers, a claimed one too", arguments: Backend.allCases)
    func unsubscribeFromEverything(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0, t1 = t0.addingTimeInterval(60)
            let (news, events) = try await twoAnnouncements(calls)
            let ana = try #require(try await calls { try $0.member(email: "ana@example.es") }).member.id
            let claimed = try await calls.fixture.queue.claim(owner: "w1", limit: 1, now: t0, lease: 60)
            #expect(claimed.count == 1)
            try await calls { try $0.unsubscribe(email: "Ana@Example.es", list: nil, now: t1) }
            let rows = try await calls.rows()
            for key in ["announcement:\(news):\(ana)", "announcement:\(events):\(ana)"] {
                #expect(rows[key]?.state == .cancelled && rows[key]?.reason == "not sent: the member unsubscribed", "\(key)")
            }
            #expect(rows.filter { $0.value.state != .cancelled }.count == 1)
            let listing = try #require(try await calls { try $0.member(email: "ana@example.es") })
            #expect(listing.member.status == .unsubscribed && listing.lists.isEmpty && listing.unsubscribedLists == ["events", "news"])
            #expect(listing.member.updatedAt == t1)
            #expect(try await calls { try $0.memberChanges(email: "ana@example.es") }
                == [MemberChange(at: t1, source: .cli, change: .leftEverything)])
            #expect(try await calls { try $0.activeMembers(inLists: ["news", "events"]) }.map(\.email) == ["bo@example.be"])
        }
    }

    @Test("removing a member deletes her subscriptions and cancels what waits for her", arguments: Backend.allCases)
    func remove(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t1 = t0.addingTimeInterval(60)
            let (news, _) = try await twoAnnouncements(calls)
            let ana = try #require(try await calls { try $0.member(email: "ana@example.es") }).member.id
            let bo = try #require(try await calls { try $0.member(email: "bo@example.be") }).member.id
            #expect(try await calls { try $0.removeMember(email: "ANA@example.es", now: t1) })
            let rows = try await calls.rows()
            let hers = rows.filter { $0.key.hasSuffix(":\(ana)") }
            #expect(hers.count == 2)
            #expect(hers.values.allSatisfy { $0.state == .cancelled && $0.reason == "not sent: the member was removed" && $0.memberId == nil })
            #expect(rows["announcement:\(news):\(bo)"]?.state == .queued)
            #expect(try await calls { try $0.member(email: "ana@example.es") } == nil)
            let lists = try await calls { try $0.lists() }
            #expect(lists.map(\.name) == ["events", "news"] && lists.map(\.subscribed) == [0, 1] && lists.map(\.unsubscribed) == [0, 0])
            #expect(try await calls { try $0.removeMember(email: "ana@example.es", now: t1) } == false)
        }
    }
}

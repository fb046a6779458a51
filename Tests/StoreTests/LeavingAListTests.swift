import Foundation
import GRDB
import RelaisTestSupport
import Store
import Testing

/// Leaving a list stops what is still queued for that list, and only that (a row for a list she
/// is still on stays); leaving everything takes her off each list, so rejoining one brings back that one.
@Suite struct LeavingAListTests {
    let directory = TemporaryDirectory()
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    /// Ana on `news` and `events`; one announcement to each, one to both, queued.
    func setUp() throws -> (RelaisStore, memberId: Int64, lists: [String: Int64]) {
        let store = try RelaisStore(path: directory.file("relais.sqlite"))
        _ = try store.upsertMembers([MemberInput(email: "ana@example.es", name: "Ana", locale: "es", lists: ["news", "events"])], now: t0)
        for lists in [["news"], ["events"], ["news", "events"]] {
            _ = try store.createAnnouncement(
                Announcement(template: "newsletter", lists: lists, data: nil, dueAt: t0, now: t0), now: t0
            ) { announcement, member in
                QueueMessage(
                    idempotencyKey: "\(announcement.id)-\(member.id)", kind: "announcement", source: "announcement:\(announcement.id)",
                    memberId: member.id, recipient: member.email, recipientName: member.name, locale: member.locale,
                    template: "newsletter", payload: nil, dueAt: t0, notAfter: nil, messageId: "<\(announcement.id)@relais.test>", now: t0)
            }
        }
        let listing = try #require(try store.member(email: "ana@example.es"))
        let web = try #require(try store.webMember(id: listing.member.id, token: listing.member.unsubscribeToken))
        return (store, listing.member.id, Dictionary(uniqueKeysWithValues: web.lists.map { ($0.name, $0.id) }))
    }

    /// Queue state by announcement id.
    func states(_ store: RelaisStore) throws -> [String: QueueMessage.State] {
        Dictionary(uniqueKeysWithValues: try store.queueRows().map { ($0.source, $0.state) })
    }

    @Test func leavingOneListCancelsOnlyWhatNoOtherListOfHersStillBrings() throws {
        let (store, member, lists) = try setUp()
        #expect(try store.leaveList(memberId: member, listId: lists["news"]!, source: .web, now: t0))
        #expect(try states(store) == ["announcement:1": .cancelled, "announcement:2": .queued, "announcement:3": .queued])
        #expect(try store.queueRows(state: .cancelled).first?.reason == "not sent: the member left the list news")
        #expect(try store.leaveList(memberId: member, listId: lists["events"]!, source: .web, now: t0))
        #expect(try states(store) == ["announcement:1": .cancelled, "announcement:2": .cancelled, "announcement:3": .cancelled])
    }

    @Test func aRowAlreadyClaimedIsTakenFromTheDaemonToo() throws {
        let (store, _, _) = try setUp()
        let claimed = try store.claim(owner: "relaisd-1", limit: 3, now: t0, lease: 600)
        #expect(claimed.count == 3)
        try store.unsubscribe(email: "ana@example.es", list: "events", now: t0)
        let cancelled = try store.queueRows(state: .cancelled)
        #expect(cancelled.map(\.source) == ["announcement:2"])
        // Not the daemon's any more: it drops the row before it starts.
        #expect(try store.revokedClaims(ids: claimed.map(\.id), owner: "relaisd-1") == [cancelled[0].id])
    }

    @Test func leavingEverythingLeavesEachListSoRejoiningOneBringsBackOnlyThatOne() throws {
        let (store, member, lists) = try setUp()
        try store.leaveEverything(memberId: member, source: .web, now: t0)
        #expect(Set(try states(store).values) == [.cancelled])
        #expect(try store.rejoinList(memberId: member, listId: lists["events"]!, source: .web, now: t0))
        let listing = try #require(try store.member(email: "ana@example.es"))
        #expect(listing.member.status == .active)
        #expect(listing.lists == ["events"] && listing.unsubscribedLists == ["news"])
    }
}

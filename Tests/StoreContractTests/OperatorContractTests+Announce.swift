import Foundation
import StoreModel
import Testing

extension OperatorContractTests {
    @Test("an announcement due now is fanned out in its transaction; a later one stays pending", arguments: Backend.allCases)
    func createAnnouncement(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0
            _ = try await calls {
                _ = try $0.upsertMembers(
                    [
                        input("ana@example.es", "Ana", lists: ["news", "events"]), input("bo@example.be", "Bo", lists: ["news"]),
                        input("cy@example.fr", "Cy", lists: ["events"]), input("di@example.de", "Di", lists: ["news"]),
                    ], createLists: true, now: t0, welcome: nil)
                try $0.unsubscribe(email: "di@example.de", list: nil, now: t0)
            }
            let now = try await calls { try $0.createAnnouncement(announcement(["NEWS", "events"], due: t0), now: t0, makeRow: Self.row) }
            #expect(now.state == .queued && now.queuedCount == 3 && now.lists == ["NEWS", "events"])
            let rows = try await calls { try $0.queueRows(state: nil, limit: nil) }
            #expect(rows.map(\.recipient).sorted() == ["ana@example.es", "bo@example.be", "cy@example.fr"])
            #expect(rows.allSatisfy { $0.state == .queued && $0.source == "announcement:\(now.id)" && $0.dueAt == t0 })

            let later = t0.addingTimeInterval(86_400)
            let pending = try await calls { try $0.createAnnouncement(announcement(["events"], due: later), now: t0, makeRow: Self.row) }
            #expect(pending.state == .pending && pending.queuedCount == 2 && pending.dueAt == later && pending.id != now.id)
            #expect(try await calls { try $0.queueRows(state: nil, limit: nil) }.count == 3)
            #expect(try await calls { try $0.lists() }.map(\.pendingAnnouncements) == [[pending.id], []])

            let unknown = await calls.failure { _ = try $0.createAnnouncement(announcement(["news", "nope"], due: t0), now: t0, makeRow: Self.row) }
            #expect(unknown?.kind == .notFound && unknown?.message == #"no list named "nope""#)
            #expect(try await calls { try $0.queueRows(state: nil, limit: nil) }.count == 3)
            #expect(try await calls { try $0.lists() }.map(\.pendingAnnouncements) == [[pending.id], []])
        }
    }

    @Test("lists: counts, the events and pending announcements that name them, names case-insensitive", arguments: Backend.allCases)
    func lists(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0
            let added = try await calls { try $0.addList(named: "Zeta", now: t0) }
            #expect(added.name == "Zeta" && added.subscribed == 0 && added.unsubscribed == 0 && added.createdAt == t0)
            let duplicate = await calls.failure { _ = try $0.addList(named: "zeta", now: t0) }
            #expect(duplicate?.kind == .conflict && duplicate?.message == #"a list named "zeta" already exists"#)
            _ = try await calls {
                _ = try $0.upsertMembers(
                    [input("ana@example.es", "Ana", lists: ["alpha", "zeta"]), input("bo@example.be", "Bo", lists: ["Alpha"])],
                    createLists: true, now: t0, welcome: nil)
                try $0.unsubscribe(email: "bo@example.be", list: "alpha", now: t0)
            }
            let member = try #require(try await calls { try $0.member(email: "ana@example.es") }).member.id
            let eventId = try await calls.fixture.decline(memberId: member, occurrence: "2026-06-01T10:00:00")
            let pending = try await calls {
                try $0.createAnnouncement(announcement(["ALPHA"], due: t0.addingTimeInterval(3600)), now: t0, makeRow: Self.row)
            }
            let lists = try await calls { try $0.lists() }
            #expect(lists.map(\.name) == ["alpha", "Zeta"])
            #expect(lists.map(\.subscribed) == [1, 1] && lists.map(\.unsubscribed) == [1, 0])
            #expect(lists.map(\.pendingAnnouncements) == [[pending.id], []])
            // The fixture's event is for the list "members", which does not exist.
            #expect(lists.allSatisfy { !$0.events.contains(eventId) })
            #expect(try await calls { try $0.list(named: "ZETA") }?.id == added.id)
            #expect(try await calls { try $0.list(named: "nope") } == nil)
            #expect(try await calls { try $0.listNames() } == ["alpha", "Zeta"])
            try await calls { _ = try $0.addList(named: "members", now: t0) }
            #expect(try await calls { try $0.list(named: "Members") }?.events == [eventId])
        }
    }
}

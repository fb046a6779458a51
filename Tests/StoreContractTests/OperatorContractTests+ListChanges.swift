import Foundation
import StoreModel
import Testing

extension OperatorContractTests {
    @Test("renaming a list: its events and pending announcements follow; names compare case-insensitively", arguments: Backend.allCases)
    func renameList(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0
            _ = try await calls {
                try $0.upsertMembers(
                    [input("ana@example.es", "Ana", lists: ["news", "events"]), input("bo@example.be", "Bo", lists: ["news"])],
                    createLists: true, now: t0, welcome: nil)
            }
            let event = try await calls { [breakfast = breakfast(lists: ["NEWS", "events"])] in try $0.insertEvent(breakfast) }
            let pending = try await calls { try $0.createAnnouncement(announcement(["News"], due: t0.addingTimeInterval(3600)), now: t0, makeRow: Self.row) }
            let queued = try await calls { try $0.createAnnouncement(announcement(["news"], due: t0), now: t0, makeRow: Self.row) }

            try await calls { try $0.renameList("NEWS", to: "Nouvelles") }
            #expect(try await calls { try $0.listNames() } == ["events", "Nouvelles"])
            #expect(try await calls { try $0.list(named: "nouvelles") }?.subscribed == 2)
            let renamed = try #require(try await calls { try $0.event(id: event.id) })
            #expect(renamed.event.lists == ["Nouvelles", "events"] && renamed.event.sequence == 0)
            #expect(try await calls { try $0.announcement(id: pending.id) }?.lists == ["Nouvelles"])
            #expect(try await calls { try $0.announcement(id: queued.id) }?.lists == ["news"])
            // Only the spelling: allowed.
            try await calls { try $0.renameList("nouvelles", to: "NOUVELLES") }
            #expect(try await calls { try $0.listNames() } == ["events", "NOUVELLES"])

            let taken = await calls.failure { try $0.renameList("events", to: "Nouvelles") }
            #expect(taken?.kind == .conflict && taken?.message == #"a list named "Nouvelles" already exists"#)
            let missing = await calls.failure { try $0.renameList("nope", to: "other") }
            #expect(missing?.kind == .notFound && missing?.message == #"no list named "nope""#)
            #expect(try await calls { try $0.listNames() } == ["events", "NOUVELLES"])
        }
    }

    @Test("removing a list: refused while an event or a pending announcement names it; its subscriptions go, members stay", arguments: Backend.allCases)
    func removeList(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0
            _ = try await calls {
                _ = try $0.upsertMembers(
                    [input("ana@example.es", "Ana", lists: ["news", "events", "old"]), input("bo@example.be", "Bo", lists: ["news", "old"])],
                    createLists: true, now: t0, welcome: nil)
                try $0.unsubscribe(email: "bo@example.be", list: "old", now: t0)
            }
            let event = try await calls { [breakfast = breakfast(lists: ["Events"])] in try $0.insertEvent(breakfast) }
            let pending = try await calls { try $0.createAnnouncement(announcement(["NEWS"], due: t0.addingTimeInterval(3600)), now: t0, makeRow: Self.row) }

            let byEvent = await calls.failure { _ = try $0.removeList(named: "events") }
            #expect(byEvent?.kind == .conflict && byEvent?.message == #"list "events" is used by event \#(event.id); change the event's --list first"#)
            let byAnnouncement = await calls.failure { _ = try $0.removeList(named: "news") }
            #expect(byAnnouncement?.kind == .conflict && byAnnouncement?.message == #"list "news" is used by pending announcement \#(pending.id)"#)
            let missing = await calls.failure { _ = try $0.removeList(named: "nope") }
            #expect(missing?.kind == .notFound && missing?.message == #"no list named "nope""#)

            #expect(try await calls { try $0.removeList(named: "OLD") } == 2)
            #expect(try await calls { try $0.listNames() } == ["events", "news"])
            #expect(try await calls { try $0.member(email: "bo@example.be") }?.lists == ["news"])
            #expect(try await calls { try $0.members(inList: nil) }.count == 2)
        }
    }
}

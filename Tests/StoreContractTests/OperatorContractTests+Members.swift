import Foundation
import StoreModel
import Testing

extension OperatorContractTests {
    @Test("upsert counts added, updated and unchanged members; lists are created, or refused with nothing written", arguments: Backend.allCases)
    func upsert(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0
            let first = try await calls {
                try $0.upsertMembers(
                    [input("ana@example.es", "Ana", locale: "es", lists: ["news", "Events"]), input("bo@example.be", "Bo", lists: ["news"])],
                    createLists: true, now: t0, welcome: nil)
            }
            #expect(first.added == 2 && first.updated == 0 && first.unchanged == 0)
            #expect(first.addedEmails == ["ana@example.es", "bo@example.be"])
            #expect(try await calls { try $0.listNames() } == ["Events", "news"])

            let again = try await calls {
                try $0.upsertMembers(
                    [input("ana@example.es", "Ana María", locale: "es", lists: ["news"]), input("bo@example.be", "Bo", lists: ["news"])],
                    createLists: false, now: t0, welcome: nil)
            }
            #expect(again.added == 0 && again.updated == 1 && again.unchanged == 1 && again.addedEmails.isEmpty)

            let refused = await calls.failure {
                _ = try $0.upsertMembers(
                    [input("cy@example.fr", "Cy", lists: ["news", "typo", "Other", "TYPO"]), input("bo@example.be", "Bo B", lists: ["other"])],
                    createLists: false, now: t0, welcome: nil)
            }
            #expect(refused?.kind == .notFound)
            #expect(
                refused?.message
                    == #"no list named "typo", "Other" (see relaisctl list list; create them with relaisctl list add, or give --create-lists)"#)
            #expect(try await calls { try $0.member(email: "cy@example.fr") } == nil)
            #expect(try await calls { try $0.member(email: "bo@example.be")?.member.name } == "Bo")
            #expect(try await calls { try $0.listNames() } == ["Events", "news"])

            let one = await calls.failure {
                _ = try $0.upsertMembers([input("cy@example.fr", "Cy", lists: ["typo"])], createLists: false, now: t0, welcome: nil)
            }
            #expect(one?.message == #"no list named "typo" (see relaisctl list list; create it with relaisctl list add, or give --create-lists)"#)
        }
    }

    @Test("addresses and list names compare case-insensitively; the first spelling stays", arguments: Backend.allCases)
    func caseInsensitive(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0
            _ = try await calls {
                try $0.upsertMembers([input("Ana@Example.es", "Ana", lists: ["News"])], createLists: true, now: t0, welcome: nil)
            }
            let summary = try await calls {
                try $0.upsertMembers([input("ana@example.ES", "Ana", lists: ["news", "NEWS"])], createLists: false, now: t0, welcome: nil)
            }
            #expect(summary.added == 0 && summary.unchanged == 1)
            let listing = try #require(try await calls { try $0.member(email: "ANA@EXAMPLE.ES") })
            #expect(listing.member.email == "Ana@Example.es" && listing.lists == ["News"])
            #expect(try await calls { try $0.members(inList: "nEWS") }.map(\.member.email) == ["Ana@Example.es"])
            #expect(try await calls { try $0.listNames() } == ["News"])
            #expect(try await calls { try $0.activeMembers(inLists: ["NEWS"]) }.map(\.email) == ["Ana@Example.es"])
            try await calls { try $0.unsubscribe(email: "ana@example.es", list: "news", now: t0) }
            #expect(try await calls { try $0.member(email: "ana@example.es") }?.unsubscribedLists == ["News"])
            #expect(try await calls { try $0.removeMember(email: "ANA@example.es", now: t0) })

            // One address twice in one upsert: added by the first, updated by the second.
            let twice = try await calls {
                try $0.upsertMembers(
                    [input("cy@example.fr", "Cy", lists: ["News"]), input("CY@example.fr", "Cyrille", lists: ["news", "more"])],
                    createLists: true, now: t0, welcome: nil)
            }
            #expect(twice.added == 1 && twice.updated == 1 && twice.addedEmails == ["cy@example.fr"])
            let cy = try #require(try await calls { try $0.member(email: "cy@example.fr") })
            #expect(cy.member.name == "Cyrille" && cy.lists == ["more", "News"])
        }
    }

    @Test("welcome rows go to new members only, once", arguments: Backend.allCases)
    func welcome(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0
            let first = try await calls {
                try $0.upsertMembers([input("ana@example.es", "Ana", lists: ["news"])], createLists: true, now: t0, welcome: Self.welcome)
            }
            #expect(first.welcomed == 1)
            let second = try await calls {
                try $0.upsertMembers(
                    [input("ana@example.es", "Ana", lists: ["news"]), input("bo@example.be", "Bo", lists: ["news"])],
                    createLists: true, now: t0, welcome: Self.welcome)
            }
            #expect(second.welcomed == 1 && second.addedEmails == ["bo@example.be"])
            #expect(try await calls.rows().keys.sorted() == ["welcome:ana@example.es", "welcome:bo@example.be"])
        }
    }

    @Test("members list by address with their lists; show has her history; an unknown list is refused", arguments: Backend.allCases)
    func listings(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0
            _ = try await calls {
                try $0.upsertMembers(
                    [
                        input("cy@example.fr", "Cy", lists: ["b"]), input("Ana@example.es", "Ana", lists: ["b", "A", "c"]),
                        input("bo@example.be", "Bo", lists: ["c"]),
                    ], createLists: true, now: t0, welcome: nil)
            }
            try await calls { try $0.unsubscribe(email: "ana@example.es", list: "c", now: t0.addingTimeInterval(5)) }
            let all = try await calls { try $0.members(inList: nil) }
            #expect(all.map(\.member.email) == ["Ana@example.es", "bo@example.be", "cy@example.fr"])
            #expect(all.first?.lists == ["A", "b"] && all.first?.unsubscribedLists == ["c"])
            #expect(all.first?.member.status == .active && all.first?.member.createdAt == t0 && all.first?.member.locale == "fr")
            #expect(try await calls { try $0.members(inList: "c") }.map(\.member.email) == ["bo@example.be"])
            let unknown = await calls.failure { _ = try $0.members(inList: "nope") }
            #expect(unknown?.kind == .notFound && unknown?.message == #"no list named "nope""#)
            let changes = try await calls { try $0.memberChanges(email: "ANA@example.es") }
            #expect(changes == [MemberChange(at: t0.addingTimeInterval(5), source: .cli, change: .leftList, list: "c")])
            #expect(try await calls { try $0.member(email: "nobody@example.org") } == nil)
        }
    }
}

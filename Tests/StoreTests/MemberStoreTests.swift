import Foundation
import RelaisTestSupport
import Store
import Testing

@Suite struct MemberStoreTests {
    let directory = TemporaryDirectory()

    func store() throws -> RelaisStore { try RelaisStore(path: directory.file("relais.sqlite")) }

    @Test func upsertAddsThenUpdatesWithoutDuplicating() throws {
        let store = try store()
        let first = try store.upsertMembers([
            MemberInput(email: "ana@example.es", name: "Ana", locale: "es", lists: ["partners"]),
            MemberInput(email: "eve@example.be", name: "Eve", locale: "fr-BE", lists: []),
        ])
        #expect(first.added == 2 && first.updated == 0)
        let second = try store.upsertMembers([
            MemberInput(email: "ANA@example.es", name: "Ana García", locale: "es-ES", lists: ["partners", "be"]),
            MemberInput(email: "eve@example.be", name: "Eve", locale: "fr-BE", lists: []),
        ])
        #expect(second.added == 0 && second.updated == 1 && second.unchanged == 1)
        let all = try store.members()
        #expect(all.count == 2)
        let ana = try #require(try store.member(email: "ana@example.es"))
        #expect(ana.member.name == "Ana García" && ana.member.locale == "es-ES")
        #expect(ana.lists == ["be", "partners"])
    }

    @Test func unsubscribeFromOneListIsNotUndoneByReimport() throws {
        let store = try store()
        let input = MemberInput(email: "ana@example.es", name: "Ana", locale: "es", lists: ["a", "b"])
        _ = try store.upsertMembers([input])
        try store.unsubscribe(email: "ana@example.es", list: "a")
        _ = try store.upsertMembers([input])
        let ana = try #require(try store.member(email: "ana@example.es"))
        #expect(ana.lists == ["b"])
        #expect(ana.unsubscribedLists == ["a"])
        #expect(try store.members(inList: "a").isEmpty)
        #expect(try store.members(inList: "b").count == 1)
    }

    @Test func unsubscribeEverythingAndRemove() throws {
        let store = try store()
        _ = try store.upsertMembers([MemberInput(email: "ana@example.es", name: "Ana", locale: "es", lists: ["a"])])
        try store.unsubscribe(email: "ana@example.es", list: nil)
        #expect(try store.member(email: "ana@example.es")?.member.status == .unsubscribed)
        #expect(try store.removeMember(email: "ana@example.es"))
        #expect(try store.member(email: "ana@example.es") == nil)
        #expect(try !store.removeMember(email: "ana@example.es"))
        let error = #expect(throws: StoreError.self) { try store.unsubscribe(email: "nobody@example.org", list: nil) }
        #expect(error?.kind == .notFound)
    }

    @Test func unknownListIsNotFound() throws {
        let store = try store()
        let error = #expect(throws: StoreError.self) { try store.members(inList: "nope") }
        #expect(error?.description == "no list named \"nope\"")
    }
}

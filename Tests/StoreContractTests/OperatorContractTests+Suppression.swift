import Foundation
import StoreModel
import Testing

extension OperatorContractTests {
    @Test("forgetting a member erases her and suppresses her address's hash; the salt stays", arguments: Backend.allCases)
    func forget(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t1 = t0.addingTimeInterval(60)
            let salt = try await calls { try $0.suppressionSalt() }
            #expect(salt.count == 32)
            #expect(try await calls { try $0.suppressionSalt() } == salt)
            let (news, _) = try await twoAnnouncements(calls)
            let bo = try #require(try await calls { try $0.member(email: "bo@example.be") }).member.id
            #expect(try await calls { try $0.suppressedSince(addressHash: "hash-of-ana") } == nil)
            #expect(try await calls { try $0.forgetMember(email: "ANA@example.es", addressHash: "hash-of-ana", now: t1) } == 2)
            #expect(try await calls { try $0.suppressedSince(addressHash: "hash-of-ana") } == t1)
            #expect(try await calls { try $0.suppressions(addressHashes: ["hash-of-bo", "hash-of-ana"]) } == ["hash-of-ana": t1])
            #expect(try await calls { try $0.suppressions(addressHashes: []) }.isEmpty)
            #expect(try await calls { try $0.member(email: "ana@example.es") } == nil)
            let rows = try await calls { try $0.queueRows(state: nil, limit: nil) }
            let hers = rows.filter { $0.idempotencyKey.hasPrefix("forgotten:") }
            #expect(hers.count == 2)
            #expect(hers.allSatisfy {
                $0.recipient == "forgotten" && $0.recipientName == "" && $0.memberId == nil && $0.state == .cancelled
                    && $0.reason == "not sent: the member asked to be forgotten" && $0.idempotencyKey == "forgotten:\($0.id)"
            })
            #expect(rows.contains { $0.idempotencyKey == "announcement:\(news):\(bo)" })
            let missing = await calls.failure { _ = try $0.forgetMember(email: "ana@example.es", addressHash: "hash-of-ana", now: t1) }
            #expect(missing?.kind == .notFound && missing?.message == "no member with address ana@example.es")
        }
    }

    @Test("status reads members' answers and the last trace of a daemon", arguments: Backend.allCases)
    func statusReads(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0
            #expect(try await calls { try $0.lastDaemonActivity() } == nil)
            _ = try await calls {
                try $0.upsertMembers([input("ana@example.es", "Ana", locale: "es", lists: ["members"])], createLists: true, now: t0, welcome: nil)
            }
            let ana = try #require(try await calls { try $0.member(email: "ana@example.es") }).member.id
            let eventId = try await calls.fixture.decline(memberId: ana, occurrence: "2026-06-01T10:00:00")
            let answers = try await calls { try $0.rsvpAnswers(eventId: eventId, occurrence: nil) }
            #expect(answers.map(\.email) == ["ana@example.es"] && answers.map(\.answer) == [.no] && answers.first?.locale == "es")
            #expect(answers.first?.occurrence == "2026-06-01T10:00:00" && answers.first?.memberId == ana)
            #expect(try await calls { try $0.rsvpAnswers(eventId: eventId, occurrence: "2026-06-08T10:00:00") }.isEmpty)

            let queue = calls.fixture.queue
            _ = try await queue.enqueue([message("a", due: t0)])
            let id = try #require(try await queue.claim(owner: "w1", limit: 1, now: t0, lease: 60).first).id
            try await queue.record([outcome(id, .deferred, at: t0.addingTimeInterval(7))], owner: "w1")
            #expect(try await calls { try $0.lastDaemonActivity() } == t0.addingTimeInterval(7))
        }
    }
}

import Foundation
import StoreModel
import Testing

extension OperatorContractTests {
    /// Ana (on news, having left events) with an answer, a message sent to her and one waiting; Bo on news.
    /// Returns her id and the event's.
    func herHistory(_ calls: OperatorStoreCalls) async throws -> (ana: Int64, event: Int64) {
        let t0 = t0, t1 = t0.addingTimeInterval(60)
        _ = try await calls {
            _ = try $0.upsertMembers(
                [input("Ana@Example.es", "Ana", locale: "es", lists: ["news", "events"]), input("bo@example.be", "Bo", lists: ["news"])],
                createLists: true, now: t0, welcome: nil)
            try $0.unsubscribe(email: "ana@example.es", list: "events", now: t0)
        }
        let ana = try #require(try await calls { try $0.member(email: "ana@example.es") }).member.id
        let event = try await calls { [breakfast = breakfast()] in try $0.insertEvent(breakfast) }.id
        try await calls.fixture.answer(memberId: ana, eventId: event, occurrence: "2026-06-09T08:30:00", .yes)
        _ = try await calls { try $0.createAnnouncement(announcement(["news"], due: t0), now: t0, makeRow: Self.row) }
        let queue = calls.fixture.queue
        let claimed = try await queue.claim(owner: "w1", limit: 10, now: t0, lease: 600)
        let hers = try #require(claimed.first { $0.memberId == ana })
        try await queue.record([sent(hers.id, at: t1)], owner: "w1")
        _ = try await queue.releaseLeases(owner: "w1", now: t1)
        _ = try await calls { try $0.createAnnouncement(announcement(["news"], due: t0.addingTimeInterval(3600)), now: t0, makeRow: Self.row) }
        _ = try await calls { try $0.queueDueAnnouncements(now: t0.addingTimeInterval(3600), makeRow: Self.row) }
        return (ana, event)
    }

    @Test("an export holds every row about her, table by table, valued as SQLite stores them", arguments: Backend.allCases)
    func exportMember(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let (ana, event) = try await herHistory(calls)
            #expect(try await calls { try $0.exportMember(email: "nobody@example.org") } == nil)
            let export = try #require(try await calls { try $0.exportMember(email: "ANA@example.ES") })
            #expect(export.email == "Ana@Example.es")
            #expect(export.tables.keys.sorted() == ["attempt", "inboundMail", "member", "memberChange", "membership", "queue", "rsvp"])
            let member = try #require(export.tables["member"]?.first)
            #expect(member.keys.sorted() == ["bounceReply", "createdAt", "email", "id", "locale", "name", "status", "unsubscribeToken", "updatedAt"])
            #expect(member["id"] == .integer(ana) && member["email"] == .text("Ana@Example.es") && member["bounceReply"] == .null)
            #expect(member["createdAt"] == .text("2026-05-28 20:26:40.000") && member["status"] == .text("active"))
            let memberships = try #require(export.tables["membership"])
            #expect(memberships.map { $0["list"] } == [.text("events"), .text("news")])
            #expect(memberships.map { $0["subscribed"] } == [.integer(0), .integer(1)])
            #expect(memberships.first?.keys.sorted() == ["changedAt", "list", "listId", "memberId", "subscribed"])
            let changes = try #require(export.tables["memberChange"])
            #expect(changes.map { $0["change"] } == [.text("left-list")] && changes.first?["list"] == .text("events"))
            #expect(export.tables["rsvp"]?.map { $0["answer"] } == [.text("yes")] && export.tables["rsvp"]?.first?["eventId"] == .integer(event))
            let queue = try #require(export.tables["queue"])
            #expect(queue.map { $0["state"] } == [.text("sent"), .text("scheduled")])
            #expect(queue.allSatisfy { $0["memberId"] == .integer(ana) && $0["body"] == .null })
            #expect(queue.first?["sentAt"] == .text("2026-05-28 20:27:40.000"))
            let attempts = try #require(export.tables["attempt"])
            #expect(attempts.count == 1 && attempts.first?["countsAsAttempt"] == .integer(1) && attempts.first?["replyCode"] == .integer(250))
            #expect(export.tables["inboundMail"]?.isEmpty == true)
            #expect(export.rowCount == 1 + 2 + 1 + 1 + 2 + 1)
        }
    }

    @Test("forget erases her rows: member, lists, history and answers; the ledger keeps its rows without her", arguments: Backend.allCases)
    func forgetErasesHerRows(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t1 = t0.addingTimeInterval(120)
            let (_, event) = try await herHistory(calls)
            let before = try #require(try await calls { try $0.exportMember(email: "bo@example.be") })
            #expect(try await calls { try $0.forgetMember(email: "ana@example.es", addressHash: "hash-of-ana", now: t1) } == 1)
            #expect(try await calls { try $0.exportMember(email: "ana@example.es") } == nil)
            #expect(try await calls { try $0.rsvpAnswers(eventId: event, occurrence: nil) }.isEmpty)
            #expect(try await calls { try $0.list(named: "news") }?.subscribed == 1)
            #expect(try await calls { try $0.list(named: "events") }?.unsubscribed == 0)
            let rows = try await calls { try $0.queueRows(state: nil, limit: nil) }
            #expect(!rows.contains { $0.recipient.lowercased() == "ana@example.es" || $0.recipientName == "Ana" })
            #expect(rows.filter { $0.recipient == "forgotten" }.map(\.state).sorted { $0.rawValue < $1.rawValue } == [.cancelled, .sent])
            // Bo's rows are his still.
            #expect(try await calls { try $0.exportMember(email: "bo@example.be") }?.rowCount == before.rowCount)
            // Added again, she starts with no history.
            _ = try await calls { try $0.upsertMembers([input("ana@example.es", "Ana", lists: ["news"])], createLists: false, now: t1, welcome: nil) }
            #expect(try await calls { try $0.memberChanges(email: "ana@example.es") }.isEmpty)
            let again = try #require(try await calls { try $0.exportMember(email: "ana@example.es") })
            #expect(again.tables["queue"]?.isEmpty == true && again.tables["attempt"]?.isEmpty == true && again.tables["rsvp"]?.isEmpty == true)
        }
    }

    @Test("reactivating bounced members: one by address, or every one bounced since a time", arguments: Backend.allCases)
    func reactivate(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0, t1 = t0.addingTimeInterval(60), t2 = t0.addingTimeInterval(120), t3 = t0.addingTimeInterval(180)
            _ = try await calls {
                try $0.upsertMembers(
                    [input("ana@example.es", "Ana", lists: ["news"]), input("Bo@example.be", "Bo", lists: ["news"]), input("cy@example.fr", "Cy", lists: ["news"])],
                    createLists: true, now: t0, welcome: nil)
            }
            _ = try await calls { try $0.createAnnouncement(announcement(["news"], due: t0), now: t0, makeRow: Self.row) }
            let queue = calls.fixture.queue
            let claimed = try await queue.claim(owner: "w1", limit: 10, now: t0, lease: 600)
            func bounce(_ row: Stored<QueueMessage>, at finished: Date) -> DeliveryResult {
                DeliveryResult(
                    queueId: row.id, state: .failed, outcome: "bounced", countsAsAttempt: true, nextAttemptAt: nil, replyCode: 550,
                    replyEnhanced: "5.1.1", replyText: "no such user", reason: "550 5.1.1 no such user", startedAt: finished,
                    finishedAt: finished, bounceMember: true, body: nil)
            }
            let byAddress = Dictionary(uniqueKeysWithValues: claimed.map { ($0.recipient.lowercased(), $0) })
            try await queue.record([
                bounce(try #require(byAddress["ana@example.es"]), at: t1), bounce(try #require(byAddress["bo@example.be"]), at: t2),
                bounce(try #require(byAddress["cy@example.fr"]), at: t3),
            ], owner: "w1")
            #expect(try await calls.fixture.memberStatus("ana@example.es") == "bounced")

            #expect(try await calls { try $0.reactivate(email: "ANA@example.es", bouncedSince: nil, now: t3) } == ["ana@example.es"])
            let ana = try #require(try await calls { try $0.member(email: "ana@example.es") }).member
            #expect(ana.status == .active && ana.bounceReply == nil && ana.updatedAt == t3)
            // Already active: nobody.
            #expect(try await calls { try $0.reactivate(email: "ana@example.es", bouncedSince: nil, now: t3) }.isEmpty)
            #expect(try await calls { try $0.reactivate(email: nil, bouncedSince: t2, now: t3) } == ["Bo@example.be", "cy@example.fr"])
            #expect(try await calls { try $0.reactivate(email: nil, bouncedSince: t0, now: t3) }.isEmpty)
            let missing = await calls.failure { _ = try $0.reactivate(email: "nobody@example.org", bouncedSince: nil, now: t3) }
            #expect(missing?.kind == .notFound && missing?.message == "no member with address nobody@example.org")
        }
    }
}

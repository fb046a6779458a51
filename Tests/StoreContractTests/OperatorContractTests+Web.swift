import Foundation
import PostgresStore
import Store
import StoreModel
import Testing

/// What the members' web endpoint writes (``WebAnswerStore``), the same tests on every backend.
extension OperatorContractTests {
    /// Ana's id and token, as a link names them.
    func link(_ calls: OperatorStoreCalls, _ email: String) async throws -> (id: Int64, token: String) {
        let member = try #require(try await calls { try $0.member(email: email) }).member
        return (member.id, member.unsubscribeToken)
    }

    @Test("a link's member is found by id and token; a wrong token or id finds nobody", arguments: Backend.allCases)
    func webMemberByToken(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            _ = try await twoAnnouncements(calls)
            let ana = try await link(calls, "ana@example.es")
            let news = try #require(try await calls.web { try $0.listID(named: "news") })
            let events = try #require(try await calls.web { try $0.listID(named: "EVENTS") })
            let found = try #require(try await calls.web { try $0.webMember(id: ana.id, token: ana.token) })
            #expect(found == WebMember(
                id: ana.id, email: "ana@example.es", name: "Ana", locale: "es", status: "active",
                lists: [.init(id: events, name: "events", subscribed: true), .init(id: news, name: "news", subscribed: true)]))
            for (id, token) in [(ana.id, ana.token + "0"), (ana.id, String(ana.token.dropLast())), (ana.id, ""), (ana.id + 99, ana.token)] {
                #expect(try await calls.web { try $0.webMember(id: id, token: token) } == nil, "\(id) \(token)")
            }
            let bo = try await link(calls, "bo@example.be")
            #expect(try await calls.web { try $0.webMember(id: ana.id, token: bo.token) } == nil)
        }
    }

    @Test("leaving a list cancels what is queued for that list only, a claimed row too, and tells her history", arguments: Backend.allCases)
    func webLeaveList(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0, t1 = t0.addingTimeInterval(60)
            let (news, events) = try await twoAnnouncements(calls)
            let both = try await calls { try $0.createAnnouncement(announcement(["news", "events"], due: t0), now: t0, makeRow: Self.row) }.id
            let claimed = try await calls.fixture.queue.claim(owner: "w1", limit: 10, now: t0, lease: 60)
            #expect(claimed.count == 5)
            let ana = try await link(calls, "ana@example.es")
            let eventsId = try #require(try await calls.web { try $0.listID(named: "events") })
            #expect(try await calls.web { try $0.leaveList(memberId: ana.id, listId: eventsId, source: .web, now: t1) })
            let rows = try await calls.rows()
            #expect(rows["announcement:\(events):\(ana.id)"]?.state == .cancelled)
            #expect(rows["announcement:\(events):\(ana.id)"]?.reason == "not sent: the member left the list events")
            // Still wanted by news, which she is still on.
            #expect(rows["announcement:\(news):\(ana.id)"]?.state == .sending)
            #expect(rows["announcement:\(both):\(ana.id)"]?.state == .sending)
            #expect(rows.filter { $0.value.state == .cancelled }.count == 1)
            // The daemon that claimed it is told to drop it.
            let eventsRow = try #require(claimed.first { $0.idempotencyKey == "announcement:\(events):\(ana.id)" })
            #expect(try await calls.fixture.queue.revokedClaims(ids: claimed.map(\.id), owner: "w1") == [eventsRow.id])

            // Twice: nothing more; a list she was never on: false.
            #expect(try await calls.web { try $0.leaveList(memberId: ana.id, listId: eventsId, source: .web, now: t1.addingTimeInterval(5)) })
            #expect(try await calls { try $0.memberChanges(email: "ana@example.es") }
                == [MemberChange(at: t1, source: .web, change: .leftList, list: "events")])
            let bo = try await link(calls, "bo@example.be")
            #expect(try await calls.web { try $0.leaveList(memberId: bo.id, listId: eventsId, source: .web, now: t1) } == false)
            let listing = try #require(try await calls { try $0.member(email: "ana@example.es") })
            #expect(listing.lists == ["news"] && listing.unsubscribedLists == ["events"] && listing.member.status == .active)
            let seen = try #require(try await calls.web { try $0.webMember(id: ana.id, token: ana.token) })
            #expect(seen.lists.map(\.subscribed) == [false, true])
        }
    }

    @Test("leaving everything leaves each list and cancels every unsent row of hers, once", arguments: Backend.allCases)
    func webLeaveEverything(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0, t1 = t0.addingTimeInterval(60)
            let (news, events) = try await twoAnnouncements(calls)
            _ = try await calls.fixture.queue.claim(owner: "w1", limit: 1, now: t0, lease: 60)
            let ana = try await link(calls, "ana@example.es")
            let bo = try await link(calls, "bo@example.be")
            try await calls.web { try $0.leaveEverything(memberId: ana.id, source: .web, now: t1) }
            try await calls.web { try $0.leaveEverything(memberId: ana.id, source: .web, now: t1.addingTimeInterval(5)) }
            let rows = try await calls.rows()
            for key in ["announcement:\(news):\(ana.id)", "announcement:\(events):\(ana.id)"] {
                #expect(rows[key]?.state == .cancelled && rows[key]?.reason == "not sent: the member unsubscribed", "\(key)")
            }
            #expect(rows["announcement:\(news):\(bo.id)"]?.state != .cancelled)
            let listing = try #require(try await calls { try $0.member(email: "ana@example.es") })
            #expect(listing.member.status == .unsubscribed && listing.lists.isEmpty && listing.unsubscribedLists == ["events", "news"])
            #expect(listing.member.updatedAt == t1)
            #expect(try await calls { try $0.memberChanges(email: "ana@example.es") }
                == [MemberChange(at: t1, source: .web, change: .leftEverything)])
        }
    }

    @Test("her language changes, told once; rejoining a list makes her active again", arguments: Backend.allCases)
    func webLanguageAndRejoin(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t1 = t0.addingTimeInterval(60), t2 = t0.addingTimeInterval(120), t3 = t0.addingTimeInterval(180)
            _ = try await twoAnnouncements(calls)
            let ana = try await link(calls, "ana@example.es")
            let news = try #require(try await calls.web { try $0.listID(named: "news") })
            let bo = try await link(calls, "bo@example.be")
            let events = try #require(try await calls.web { try $0.listID(named: "events") })
            try await calls.web { try $0.setLanguage(memberId: ana.id, locale: "fr", source: .web, now: t1) }
            try await calls.web { try $0.setLanguage(memberId: ana.id, locale: "fr", source: .web, now: t1.addingTimeInterval(1)) }
            #expect(try await calls { try $0.member(email: "ana@example.es") }?.member.locale == "fr")
            try await calls.web { try $0.leaveEverything(memberId: ana.id, source: .web, now: t2) }
            #expect(try await calls.web { try $0.rejoinList(memberId: ana.id, listId: news, source: .web, now: t3) })
            #expect(try await calls.web { try $0.rejoinList(memberId: ana.id, listId: news, source: .web, now: t3.addingTimeInterval(1)) })
            #expect(try await calls.web { try $0.rejoinList(memberId: bo.id, listId: events, source: .web, now: t3) } == false)
            let listing = try #require(try await calls { try $0.member(email: "ana@example.es") })
            #expect(listing.member.status == .active && listing.lists == ["news"] && listing.unsubscribedLists == ["events"])
            #expect(try await calls { try $0.memberChanges(email: "ana@example.es") } == [
                MemberChange(at: t1, source: .web, change: .language, detail: "es → fr"),
                MemberChange(at: t2, source: .web, change: .leftEverything),
                MemberChange(at: t3, source: .web, change: .rejoinedList, list: "news"),
                MemberChange(at: t3, source: .web, change: .rejoinedEverything),
            ])
        }
    }

    @Test("an answer is recorded, changed and read; a no skips her unsent reminders of that occurrence", arguments: Backend.allCases)
    func webRSVP(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0, t1 = t0.addingTimeInterval(60), t2 = t0.addingTimeInterval(120)
            _ = try await twoAnnouncements(calls)
            let ana = try await link(calls, "ana@example.es")
            let bo = try await link(calls, "bo@example.be")
            let eventId = try await calls.fixture.addEvent(Event(
                uid: "rsvp-contract", titles: ["fr": "Petit-déjeuner"], descriptions: [:], startLocal: "2027-03-02T08:30:00",
                timeZone: "Europe/Brussels", rule: "FREQ=MONTHLY;BYDAY=1TU", durationSeconds: 3600, lists: ["news"], reminders: ["1d"],
                template: "meetup-reminder", location: nil, url: nil, now: t0), exceptions: [])
            let first = "2027-03-02T08:30:00", second = "2027-04-06T08:30:00"
            func reminder(_ member: (id: Int64, token: String), _ occurrence: String) -> QueueMessage {
                QueueMessage(
                    idempotencyKey: "reminder:\(member.id):\(occurrence)", kind: "reminder",
                    source: RSVPAnswer.reminderSource(eventId: eventId, occurrence: occurrence), memberId: member.id,
                    recipient: "\(member.id)@example.org", recipientName: "", locale: "fr", template: "meetup-reminder", payload: nil,
                    dueAt: t0, notAfter: nil, messageId: "<r\(member.id)-\(occurrence.prefix(10))@relais.test>", now: t0)
            }
            #expect(try await calls.fixture.queue.enqueue([reminder(ana, first), reminder(ana, second), reminder(bo, first)]) == 3)

            #expect(try await calls.web { try $0.recordRSVP(memberId: ana.id, eventId: eventId, occurrence: first, answer: .yes, now: t1) })
            #expect(try await calls.web { try $0.recordRSVP(memberId: bo.id, eventId: eventId, occurrence: first, answer: .yes, now: t1) })
            #expect(try await calls.rows().values.filter { $0.state == .skipped }.isEmpty)
            #expect(try await calls.web { try $0.recordRSVP(memberId: ana.id, eventId: eventId, occurrence: first, answer: .no, now: t2) })
            #expect(try await calls.web { try $0.recordRSVP(memberId: ana.id, eventId: eventId + 99, occurrence: first, answer: .no, now: t2) } == false)

            let answers = try await calls.web { try $0.rsvpAnswers(eventId: eventId, occurrence: first) }
            #expect(answers == [
                RSVPAnswer(memberId: ana.id, email: "ana@example.es", name: "Ana", locale: "es", occurrence: first, answer: .no, answeredAt: t2),
                RSVPAnswer(memberId: bo.id, email: "bo@example.be", name: "Bo", locale: "fr", occurrence: first, answer: .yes, answeredAt: t1),
            ])
            #expect(try await calls.web { try $0.rsvpAnswers(eventId: eventId, occurrence: second) }.isEmpty)
            let rows = try await calls.rows()
            #expect(rows["reminder:\(ana.id):\(first)"]?.state == .skipped)
            #expect(rows["reminder:\(ana.id):\(first)"]?.reason == RSVPAnswer.declinedReminderReason)
            #expect(rows["reminder:\(ana.id):\(second)"]?.state == .queued)
            #expect(rows["reminder:\(bo.id):\(first)"]?.state == .queued)
        }
    }

    @Test("the delivery figures count the queue and the attempts; the pause is the asking daemon's", arguments: Backend.allCases)
    func webDeliveryFigures(_ backend: Backend) async throws {
        try await backend.withOperatorStore { calls in
            let t0 = t0
            let store = calls.fixture.store
            let queue = calls.fixture.queue
            func row(_ key: String, due: Date) -> QueueMessage {
                QueueMessage(
                    idempotencyKey: key, kind: "announcement", source: "announcement:1", memberId: nil, recipient: "\(key)@example.org",
                    recipientName: key, locale: "fr", template: "newsletter", payload: nil, dueAt: due, notAfter: nil,
                    messageId: "<\(key)@relais.test>", now: t0)
            }
            let empty = try await calls.web { try $0.deliveryFigures(now: t0, instanceId: "a") }
            #expect(empty.states.isEmpty && empty.depth == 0 && empty.oldestDueAge == nil && empty.throttledSeconds == 0)
            #expect(empty.outcomes.isEmpty && empty.replyClasses.isEmpty)

            _ = try await queue.enqueue([
                row("sent", due: t0.addingTimeInterval(-600)), row("deferred", due: t0.addingTimeInterval(-300)),
                row("failed", due: t0.addingTimeInterval(-200)), row("later", due: t0.addingTimeInterval(3600)),
            ])
            let ids = try await queue.claim(owner: "w1", limit: 3, now: t0, lease: 60).map(\.id)
            try #require(ids.count == 3)
            func result(_ id: Int64, _ state: QueueMessage.State, _ outcome: String, _ code: Int) -> DeliveryResult {
                DeliveryResult(
                    queueId: id, state: state, outcome: outcome, countsAsAttempt: true,
                    nextAttemptAt: state == .deferred ? t0.addingTimeInterval(60) : nil, replyCode: code, replyEnhanced: nil,
                    replyText: "reply", reason: nil, startedAt: t0, finishedAt: t0, bounceMember: false, body: nil)
            }
            try await queue.record(
                [result(ids[0], .sent, "sent", 250), result(ids[1], .deferred, "deferred", 451), result(ids[2], .failed, "failed", 550)],
                owner: "w1")
            let throttled = Heartbeat(
                instanceId: "a", host: "relais.test", pid: 42, version: "test", startedAt: t0, beatAt: t0, activity: "idle",
                throttledUntil: t0.addingTimeInterval(30))
            try await offPool { try store.beat(throttled) }

            let figures = try await calls.web { try $0.deliveryFigures(now: t0.addingTimeInterval(10), instanceId: "a") }
            #expect(figures.states == [.sent: 1, .deferred: 1, .failed: 1, .scheduled: 1])
            #expect(figures.depth == 2)
            #expect(figures.oldestDueAge == 310, "the deferred row, due 300 s before t0")
            #expect(figures.throttledSeconds == 20)
            #expect(figures.outcomes == ["sent": 1, "deferred": 1, "failed": 1])
            #expect(figures.replyClasses == ["2xx": 1, "4xx": 1, "5xx": 1])
            // Another daemon's pause is not this one's.
            #expect(try await calls.web { try $0.deliveryFigures(now: t0.addingTimeInterval(10), instanceId: "b") }.throttledSeconds == 0)
            #expect(try await calls.web { try $0.heartbeats() }.map(\.instanceId) == ["a"])
        }
    }
}

extension OperatorStoreCalls {
    /// Runs `body` with the store as the web endpoint sees it, on a thread of its own.
    func web<T: Sendable>(_ body: @escaping @Sendable (any WebAnswerStore) throws -> T) async throws -> T {
        guard let store = store as? any WebAnswerStore else { throw StoreError(.database, "\(type(of: store)) does not answer the web") }
        return try await offPool { try body(store) }
    }
}

import Foundation
import StoreModel
import Testing

/// The ``PlanningStore`` contract: announcements fanned out, the planning watermark, the planner's reads.
extension QueueContractTests {
    /// The row a planner makes for `member` of `announcement` (what the daemon's `makeRow` does, minus the composer).
    static func announcementRow(_ announcement: Stored<Announcement>, _ member: Stored<Member>) -> QueueMessage {
        QueueMessage(
            idempotencyKey: "announcement:\(announcement.id):\(member.id)", kind: "announcement", source: "announcement:\(announcement.id)",
            memberId: member.id, recipient: member.email, recipientName: member.name, locale: member.locale,
            template: announcement.template, payload: nil, dueAt: announcement.dueAt, notAfter: nil,
            messageId: "<a\(announcement.id).m\(member.id)@relais.test>", now: t0)
    }

    /// A pending announcement of `template` to `lists`, created a minute before `due`.
    func pending(_ lists: [String], due: Date, template: String = "newsletter") -> Announcement {
        Announcement(template: template, lists: lists, data: Data("{\"n\":1}".utf8), dueAt: due, now: due.addingTimeInterval(-60))
    }

    @Test("a due announcement is fanned out once: one row per active member of its lists", arguments: Backend.allCases)
    func announcementFanOut(_ backend: Backend) async throws {
        try await backend.withFixture { fixture async throws in
            let store = fixture.store, t0 = t0
            let ann = try await fixture.addMember("ann@example.org", name: "Ann", lists: ["News"])
            let bob = try await fixture.addMember("bob@example.org", name: "Bob", lists: ["News", "Club"])
            _ = try await fixture.addMember("cy@example.org", name: "Cy", lists: ["Club"])
            _ = try await fixture.addMember("dee@example.org", name: "Dee", lists: ["News"])
            try await fixture.unsubscribe("dee@example.org")
            _ = try await fixture.addMember("eve@example.org", name: "Eve", lists: ["News", "Club"])
            try await fixture.leaveList("eve@example.org", list: "News")
            let due = try await fixture.addAnnouncement(pending(["news"], due: t0))
            let later = try await fixture.addAnnouncement(pending(["Club"], due: t0.addingTimeInterval(3600)))

            let made = try await offPool { () -> (count: Int, announcements: [Stored<Announcement>], rows: [QueueMessage]) in
                var announcements: [Stored<Announcement>] = []
                var rows: [QueueMessage] = []
                let count = try store.queueDueAnnouncements(now: t0.addingTimeInterval(1)) { announcement, member in
                    announcements.append(announcement)
                    rows.append(Self.announcementRow(announcement, member))
                    return rows[rows.count - 1]
                }
                return (count, announcements, rows)
            }
            #expect(made.count == 2)
            #expect(made.announcements.allSatisfy { $0.id == due && $0.lists == ["news"] && $0.template == "newsletter" })
            #expect(made.rows.map(\.recipient) == ["ann@example.org", "bob@example.org"])
            #expect(made.rows.map(\.recipientName) == ["Ann", "Bob"])
            let queued = try await fixture.queue.queueRows()
            #expect(Set(queued.map(\.idempotencyKey)) == ["announcement:\(due):\(ann)", "announcement:\(due):\(bob)"])
            #expect(queued.allSatisfy { $0.state == .queued && $0.source == "announcement:\(due)" })

            let stored = try #require(try await offPool { try store.announcement(id: due) })
            #expect(stored.state == .queued && stored.queuedCount == 2)
            #expect(try await offPool { try store.pendingAnnouncements() }.map(\.id) == [later])
            #expect(try await offPool { try store.queueDueAnnouncements(now: t0.addingTimeInterval(2), makeRow: Self.announcementRow) } == 0)
            #expect(try await fixture.queue.queueRows().count == 2)
        }
    }

    @Test("pending announcements come soonest first; one due later is not fanned out", arguments: Backend.allCases)
    func pendingAnnouncementsInOrder(_ backend: Backend) async throws {
        try await backend.withFixture { fixture async throws in
            let store = fixture.store, t0 = t0
            _ = try await fixture.addMember("ann@example.org", name: "Ann", lists: ["News"])
            let third = try await fixture.addAnnouncement(pending(["News"], due: t0.addingTimeInterval(300)))
            let first = try await fixture.addAnnouncement(pending(["News"], due: t0.addingTimeInterval(100)))
            let second = try await fixture.addAnnouncement(pending(["News"], due: t0.addingTimeInterval(200)))
            #expect(try await offPool { try store.pendingAnnouncements() }.map(\.id) == [first, second, third])
            #expect(try await offPool { try store.queueDueAnnouncements(now: t0.addingTimeInterval(150), makeRow: Self.announcementRow) } == 1)
            #expect(try await offPool { try store.pendingAnnouncements() }.map(\.id) == [second, third])
        }
    }

    /// A reminder row with key `key`.
    func reminder(_ key: String) -> QueueMessage {
        message(key, due: t0, notAfter: t0.addingTimeInterval(3600), kind: "reminder", source: "event:1:20260601T190000:1d")
    }

    @Test("enqueueReminders is idempotent and moves the watermark forward only", arguments: Backend.allCases)
    func watermarkForwardOnly(_ backend: Backend) async throws {
        try await backend.withFixture { fixture async throws in
            let store = fixture.store, t0 = t0
            #expect(try await offPool { try store.remindersPlannedUntil() } == nil)
            let (r1, r2, r3, r4) = (reminder("r1"), reminder("r2"), reminder("r3"), reminder("r4"))
            #expect(try await offPool { try store.enqueueReminders([r1, r2], plannedUntil: t0.addingTimeInterval(100)) } == 2)
            #expect(try await offPool { try store.remindersPlannedUntil() } == t0.addingTimeInterval(100))
            // A planner that read an older watermark: its new rows go in, the watermark stays.
            #expect(try await offPool { try store.enqueueReminders([r1, r2, r3], plannedUntil: t0.addingTimeInterval(50)) } == 1)
            #expect(try await offPool { try store.remindersPlannedUntil() } == t0.addingTimeInterval(100))
            #expect(try await offPool { try store.enqueueReminders([], plannedUntil: t0.addingTimeInterval(200)) } == 0)
            #expect(try await offPool { try store.remindersPlannedUntil() } == t0.addingTimeInterval(200))
            // Late reminders go in without touching the watermark.
            #expect(try await offPool { try store.enqueueLateReminders([r3, r4]) } == 1)
            #expect(try await offPool { try store.remindersPlannedUntil() } == t0.addingTimeInterval(200))
            #expect(try await fixture.queue.queueRows().map(\.idempotencyKey).sorted() == ["r1", "r2", "r3", "r4"])
        }
    }

    @Test("activeMembersWithLists: every active member with her lists, or only those of some lists", arguments: Backend.allCases)
    func activeMembersWithLists(_ backend: Backend) async throws {
        try await backend.withFixture { fixture async throws in
            let store = fixture.store
            _ = try await fixture.addMember("ann@example.org", name: "Ann", lists: ["news", "club"])
            _ = try await fixture.addMember("bob@example.org", name: "Bob", lists: ["club"])
            _ = try await fixture.addMember("cy@example.org", name: "Cy", lists: ["news"])
            try await fixture.unsubscribe("cy@example.org")
            _ = try await fixture.addMember("dee@example.org", name: "Dee", lists: ["news", "club"])
            try await fixture.leaveList("dee@example.org", list: "club")
            _ = try await fixture.addMember("eve@example.org", name: "Eve", lists: ["other"])
            _ = try await fixture.addMember("fay@example.org", name: "Fay", lists: ["other"])
            try await fixture.leaveList("fay@example.org", list: "other")

            func listsByEmail(_ lists: [String]?) async throws -> [String: [String]] {
                let members = try await offPool { try store.activeMembersWithLists(in: lists) }
                #expect(members.allSatisfy { $0.member.status == .active && !$0.member.unsubscribeToken.isEmpty })
                return Dictionary(uniqueKeysWithValues: members.map { ($0.member.email, $0.lists.sorted()) })
            }
            #expect(try await listsByEmail(nil) == [
                "ann@example.org": ["club", "news"], "bob@example.org": ["club"], "dee@example.org": ["news"],
                "eve@example.org": ["other"],
            ])
            #expect(try await listsByEmail(["NEWS"]) == ["ann@example.org": ["news"], "dee@example.org": ["news"]])
            #expect(try await listsByEmail(["Club", "other"]) == [
                "ann@example.org": ["club"], "bob@example.org": ["club"], "eve@example.org": ["other"],
            ])
            #expect(try await listsByEmail([]) == [:])
            #expect(try await listsByEmail(["nobody's"]) == [:])
            let ann = try #require(try await offPool { try store.activeMembersWithLists(in: ["club"]) }.first)
            #expect(ann.member.name == "Ann" && ann.member.locale == "fr")
        }
    }

    @Test("declinedMembers: who answered no for one occurrence", arguments: Backend.allCases)
    func declinedMembers(_ backend: Backend) async throws {
        try await backend.withFixture { fixture async throws in
            let store = fixture.store
            let ann = try await fixture.addMember("ann@example.org", name: "Ann", lists: ["members"])
            let bob = try await fixture.addMember("bob@example.org", name: "Bob", lists: ["members"])
            let cy = try await fixture.addMember("cy@example.org", name: "Cy", lists: ["members"])
            let event = try await fixture.addEvent(workshop(), exceptions: [])
            let (first, second) = ("2026-06-02T19:00:00", "2026-06-09T19:00:00")
            try await fixture.answer(memberId: ann, eventId: event, occurrence: first, .no)
            try await fixture.answer(memberId: bob, eventId: event, occurrence: first, .yes)
            try await fixture.answer(memberId: cy, eventId: event, occurrence: second, .no)
            #expect(try await offPool { try store.declinedMembers(eventId: event, occurrence: first) } == [ann])
            #expect(try await offPool { try store.declinedMembers(eventId: event, occurrence: second) } == [cy])
            try await fixture.answer(memberId: bob, eventId: event, occurrence: first, .no)
            try await fixture.answer(memberId: ann, eventId: event, occurrence: first, .yes)
            #expect(try await offPool { try store.declinedMembers(eventId: event, occurrence: first) } == [bob])
            #expect(try await offPool { try store.declinedMembers(eventId: event + 1, occurrence: first) } == [])
        }
    }
}

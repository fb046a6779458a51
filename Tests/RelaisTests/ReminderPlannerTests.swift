import Foundation
import Recurrence
import Relais
import Store
import Testing

@Suite struct ReminderPlannerTests {
    static let created = Date(timeIntervalSince1970: 1_750_000_000)

    /// A Thursday-evening series in Brussels (19:00), reminded `reminders` before, for list `be`.
    static func event(
        id: Int64 = 1, uid: String = "thursdays@example.be", start: String = "2026-03-05T19:00", rule: String? = "FREQ=WEEKLY",
        lists: [String] = ["be"], reminders: [String] = ["1d"], exceptions: [(String, String?)] = [], cancelled: Bool = false
    ) throws -> EventSchedule {
        var record = Event(
            uid: uid, titles: ["fr": "Jeudi"], descriptions: [:], startLocal: start, timeZone: "Europe/Brussels",
            rule: rule, durationSeconds: 7200, lists: lists, reminders: reminders, template: "meetup-reminder",
            location: nil, url: nil, now: created)
        record.cancelled = cancelled
        let rows = exceptions.map { EventException(eventId: id, occurrence: $0.0, movedTo: $0.1, now: created) }
        return try EventSchedule(StoredEvent(event: Stored(id: id, record), exceptions: rows))
    }

    static func member(_ id: Int64, lists: Set<String> = ["be"], locale: String = "fr-BE") -> PlannerMember {
        PlannerMember(id: id, email: "m\(id)@example.be", name: "M\(id)", locale: locale, lists: lists)
    }

    func utc(_ text: String) throws -> Date { try #require(try? Date(text, strategy: .iso8601)) }
    func local(_ text: String) throws -> LocalDateTime { try LocalDateTime(parsing: text) }

    @Test func windowIsHalfOpen() throws {
        let events = [try Self.event()]
        let members = [Self.member(7), Self.member(8)]
        // Thursday 2026-06-04 19:00 CEST = 17:00Z; 1d before is Wednesday 17:00Z.
        let due = try utc("2026-06-03T17:00:00Z")
        let atStart = ReminderPlanner.reminders(events: events, members: members, from: due, to: due.addingTimeInterval(1))
        #expect(atStart.count == 2)
        #expect(atStart.allSatisfy { $0.dueAt == due && $0.occurrenceStart == (try? utc("2026-06-04T17:00:00Z")) })
        #expect(Set(atStart.map(\.memberId)) == [7, 8])
        #expect(ReminderPlanner.reminders(events: events, members: members, from: due.addingTimeInterval(-3600), to: due).isEmpty)
        #expect(ReminderPlanner.reminders(events: events, members: members, from: due.addingTimeInterval(1), to: due.addingTimeInterval(3600)).isEmpty)
        #expect(ReminderPlanner.reminders(events: events, members: members, from: due, to: due).isEmpty)
    }

    @Test func keysAreStableAndNamedAsDocumented() throws {
        let events = [try Self.event(reminders: ["1d", "2h"])]
        let members = [Self.member(7)]
        let from = try utc("2026-06-01T00:00:00Z"), to = try utc("2026-06-05T00:00:00Z")
        let first = ReminderPlanner.reminders(events: events, members: members, from: from, to: to)
        let again = ReminderPlanner.reminders(events: [try Self.event(reminders: ["2h", "1d"])], members: members, from: from, to: to)
        #expect(first.map(\.idempotencyKey) == again.map(\.idempotencyKey))
        #expect(first.map(\.idempotencyKey) == [
            "reminder:thursdays@example.be:20260604T190000:1d:7",
            "reminder:thursdays@example.be:20260604T190000:2h:7",
        ])
    }

    @Test func keysAreDistinctPerOccurrenceOffsetAndMemberAndChunkingChangesNothing() throws {
        let events = [
            try Self.event(reminders: ["1w", "1d", "2h", "30m"]),
            try Self.event(id: 2, uid: "breakfast@example.be", start: "2026-01-06T08:30", rule: "FREQ=MONTHLY;BYDAY=1TU", reminders: ["7d", "1d"]),
        ]
        let members = (1...5).map { Self.member(Int64($0)) }
        let from = try utc("2026-01-01T00:00:00Z"), to = try utc("2027-01-01T00:00:00Z")
        let whole = ReminderPlanner.reminders(events: events, members: members, from: from, to: to)
        #expect(Set(whole.map(\.idempotencyKey)).count == whole.count)
        #expect(whole.allSatisfy { $0.dueAt >= from && $0.dueAt < to && $0.dueAt < $0.occurrenceStart })
        // Planning day by day gives exactly the same reminders as planning the year at once.
        var chunked: [PlannedReminder] = []
        var cursor = from
        while cursor < to {
            let next = min(cursor.addingTimeInterval(86_400 + 3_333), to)
            chunked += ReminderPlanner.reminders(events: events, members: members, from: cursor, to: next)
            cursor = next
        }
        #expect(chunked == whole)
        // Each occurrence × offset × member appears once: 5 members × 4 offsets per Thursday whose
        // reminders all fall in 2026, and 5 × 2 per first Tuesday; the Tuesdays run from January 2026
        // to January 2027 (whose 7d reminder is due on 2026-12-29).
        let perThursday = Dictionary(grouping: whole.filter { $0.eventId == 1 }, by: \.original).mapValues(\.count)
        #expect(perThursday[try local("2026-06-04T19:00")] == 20)
        let perTuesday = Dictionary(grouping: whole.filter { $0.eventId == 2 }, by: \.original).mapValues(\.count)
        #expect(perTuesday[try local("2026-02-03T08:30")] == 10)
        #expect(perTuesday.count == 13)
        #expect(perTuesday[try local("2027-01-05T08:30")] == 5)
        #expect(perTuesday[try local("2026-01-06T08:30")] == 5)
    }

    @Test func nothingIsDueAtOrAfterTheStart() throws {
        // A 30m reminder for a 19:00 start: from 18:45 on, nothing is planned for that occurrence.
        let events = [try Self.event(reminders: ["30m", "1d"])]
        let start = try utc("2026-06-04T17:00:00Z")
        let late = ReminderPlanner.reminders(events: events, members: [Self.member(1)], from: start.addingTimeInterval(-15 * 60), to: start.addingTimeInterval(86_400))
        #expect(late.allSatisfy { $0.occurrenceStart > start })
        #expect(late.allSatisfy { $0.dueAt < $0.occurrenceStart })
    }

    @Test func cancelledOccurrencesAndSeriesGetNothing() throws {
        let members = [Self.member(1)]
        let from = try utc("2026-06-01T00:00:00Z"), to = try utc("2026-06-20T00:00:00Z")
        let cancelled = try Self.event(exceptions: [("2026-06-11T19:00:00", nil)])
        let originals = Set(ReminderPlanner.reminders(events: [cancelled], members: members, from: from, to: to).map(\.original))
        #expect(originals == [try local("2026-06-04T19:00"), try local("2026-06-18T19:00")])
        let series = try Self.event(cancelled: true)
        #expect(ReminderPlanner.reminders(events: [series], members: members, from: from, to: to).isEmpty)
    }

    @Test func aMovedOccurrenceIsRemindedAtItsNewTimeUnderANewKey() throws {
        let members = [Self.member(1)]
        let from = try utc("2026-06-01T00:00:00Z"), to = try utc("2026-06-30T00:00:00Z")
        let plain = ReminderPlanner.reminders(events: [try Self.event()], members: members, from: from, to: to)
        // Thursday 11 June moved to Friday 12 June 18:30.
        let moved = ReminderPlanner.reminders(
            events: [try Self.event(exceptions: [("2026-06-11T19:00:00", "2026-06-12T18:30:00")])], members: members, from: from, to: to)
        let reminder = try #require(moved.first { $0.original == (try? local("2026-06-11T19:00")) })
        #expect(reminder.occurrenceLocal == (try local("2026-06-12T18:30")))
        #expect(reminder.occurrenceStart == (try utc("2026-06-12T16:30:00Z")))
        #expect(reminder.dueAt == (try utc("2026-06-11T16:30:00Z")))
        #expect(reminder.idempotencyKey == "reminder:thursdays@example.be:20260611T190000@20260612T183000:1d:1")
        let original = try #require(plain.first { $0.original == reminder.original })
        #expect(original.idempotencyKey != reminder.idempotencyKey)
        #expect(!moved.contains { $0.idempotencyKey == original.idempotencyKey })
        // Everything else is untouched.
        #expect(Set(plain.map(\.idempotencyKey)).subtracting([original.idempotencyKey]) == Set(moved.map(\.idempotencyKey)).subtracting([reminder.idempotencyKey]))
        #expect(moved == moved.sorted { ($0.dueAt, $0.idempotencyKey) < ($1.dueAt, $1.idempotencyKey) })
    }

    @Test func aMoveIntoTheWindowFromOutsideIsPlanned() throws {
        // The occurrence of 2026-09-03 moved back to Friday 2026-06-26: planned in June, not in September.
        let event = try Self.event(exceptions: [("2026-09-03T19:00:00", "2026-06-26T19:00:00")])
        let june = ReminderPlanner.reminders(events: [event], members: [Self.member(1)], from: try utc("2026-06-25T00:00:00Z"), to: try utc("2026-06-26T00:00:00Z"))
        #expect(june.map(\.original) == [try local("2026-09-03T19:00")])
        let september = ReminderPlanner.reminders(events: [event], members: [Self.member(1)], from: try utc("2026-09-01T00:00:00Z"), to: try utc("2026-09-04T00:00:00Z"))
        #expect(september.isEmpty)
    }

    @Test func onlyMembersOfTheEventsListsAreReminded() throws {
        let event = try Self.event(lists: ["be", "Partners"])
        let members = [
            Self.member(1, lists: ["be"]),
            Self.member(2, lists: ["es"]),
            Self.member(3, lists: ["partners"]),
            Self.member(4, lists: ["BE", "partners"]),
            Self.member(5, lists: []),
        ]
        let planned = ReminderPlanner.reminders(events: [event], members: members, from: try utc("2026-06-01T00:00:00Z"), to: try utc("2026-06-08T00:00:00Z"))
        #expect(planned.map(\.memberId).sorted() == [1, 3, 4])
    }

    @Test func anEventWithoutRemindersOrMembersPlansNothing() throws {
        let from = try utc("2026-06-01T00:00:00Z"), to = try utc("2026-07-01T00:00:00Z")
        #expect(ReminderPlanner.reminders(events: [try Self.event(reminders: [])], members: [Self.member(1)], from: from, to: to).isEmpty)
        #expect(ReminderPlanner.reminders(events: [try Self.event()], members: [], from: from, to: to).isEmpty)
    }

    @Test func aLongAgoSeriesIsPlannedFarAhead() throws {
        let event = try Self.event(start: "2015-01-01T19:00", rule: "FREQ=DAILY")
        let from = try utc("2036-01-10T00:00:00Z")
        let planned = ReminderPlanner.reminders(events: [event], members: [Self.member(1)], from: from, to: from.addingTimeInterval(86_400))
        #expect(planned.map(\.original) == [try local("2036-01-11T19:00")])
    }
}

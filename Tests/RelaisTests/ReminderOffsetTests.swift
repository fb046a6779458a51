import Foundation
import Recurrence
import Relais
import Testing

/// Expected instants below are worked out by hand from the zones' published rules (Brussels:
/// CET +01:00, CEST +02:00 from 2026-03-29 01:00Z to 2026-10-25 01:00Z; New York: EST -05:00,
/// EDT -04:00 from 2026-03-08 07:00Z), not taken from the code under test.
@Suite struct ReminderOffsetTests {
    let brussels = TimeZone(identifier: "Europe/Brussels")!
    let newYork = TimeZone(identifier: "America/New_York")!

    func utc(_ text: String) throws -> Date {
        try #require(try? Date(text, strategy: .iso8601))
    }

    func due(_ offset: String, before localText: String, in zone: TimeZone) throws -> Date {
        let local = try LocalDateTime(parsing: localText)
        return try ReminderOffset(parsing: offset).dueDate(local: local, start: local.instant(in: zone), zone: zone)
    }

    @Test func oneDayBeforeAMeetupTheDayOfTheSpringChangeKeepsTheWallClock() throws {
        // Sunday 2026-03-29 19:00 CEST (17:00Z); the Saturday before, 19:00 is still CET (18:00Z).
        let due = try self.due("1d", before: "2026-03-29T19:00", in: brussels)
        #expect(due == (try utc("2026-03-28T18:00:00Z")))
        #expect(LocalDateTime(due, in: brussels) == (try LocalDateTime(parsing: "2026-03-28T19:00")))
        #expect(try utc("2026-03-29T17:00:00Z").timeIntervalSince(due) == 23 * 3600)
    }

    @Test func oneDayBeforeAMeetupTheDayAfterTheSpringChangeIsAt19Local() throws {
        let due = try self.due("1d", before: "2026-03-30T19:00", in: brussels)
        #expect(due == (try utc("2026-03-29T17:00:00Z")))
        #expect(LocalDateTime(due, in: brussels) == (try LocalDateTime(parsing: "2026-03-29T19:00")))
    }

    @Test func oneDayBeforeTheAutumnChangeLasts25Hours() throws {
        // Sunday 2026-10-25 19:00 CET (18:00Z) ← Saturday 19:00 CEST (17:00Z).
        let due = try self.due("1d", before: "2026-10-25T19:00", in: brussels)
        #expect(due == (try utc("2026-10-24T17:00:00Z")))
    }

    @Test func hoursAreExactAcrossTheChange() throws {
        // 2026-03-29 03:30 CEST is 01:30Z; two hours earlier is 23:30Z, 00:30 CET on the wall clock.
        let spring = try self.due("2h", before: "2026-03-29T03:30", in: brussels)
        #expect(spring == (try utc("2026-03-28T23:30:00Z")))
        let autumn = try self.due("90m", before: "2026-10-25T03:00", in: brussels)
        // 03:00 CET is 02:00Z; 90 minutes earlier is 00:30Z (02:30 CEST, the first 02:30).
        #expect(autumn == (try utc("2026-10-25T00:30:00Z")))
    }

    @Test func oneWeekBeforeAcrossTheChangeKeepsTheWallClock() throws {
        // Thursday 2026-04-02 19:00 CEST (17:00Z) ← Thursday 2026-03-26 19:00 CET (18:00Z).
        #expect(try self.due("1w", before: "2026-04-02T19:00", in: brussels) == (try utc("2026-03-26T18:00:00Z")))
        #expect(try self.due("7d", before: "2026-04-02T19:00", in: brussels) == (try utc("2026-03-26T18:00:00Z")))
        // New York: Sunday 2026-03-08 19:00 EDT (23:00Z) ← Saturday 19:00 EST (2026-03-08T00:00Z).
        #expect(try self.due("1d", before: "2026-03-08T19:00", in: newYork) == (try utc("2026-03-08T00:00:00Z")))
    }

    @Test func aNominalDueTimeInTheGapMovesForward() throws {
        // 1d before Monday 02:30 is Sunday 02:30, which does not exist: it is read as 03:30 CEST (01:30Z).
        #expect(try self.due("1d", before: "2026-03-30T02:30", in: brussels) == (try utc("2026-03-29T01:30:00Z")))
    }

    @Test(arguments: ["7d", "1w", "2h", "30m", "366d", "52w", "1d"])
    func descriptionRoundTrips(_ text: String) throws {
        let offset = try ReminderOffset(parsing: text)
        #expect(offset.description == text)
        #expect(try ReminderOffset(parsing: offset.description) == offset)
    }

    @Test func unitsAndAmounts() throws {
        let week = try ReminderOffset(parsing: "1w")
        #expect(week.unit == .weeks && week.amount == 1 && week.isNominal)
        #expect(try ReminderOffset(parsing: "2h").isNominal == false)
        #expect(try ReminderOffset(parsing: " 07d ").description == "7d")
        #expect(try ReminderOffset(parsing: "30m") < ReminderOffset(parsing: "2h"))
        #expect(try ReminderOffset(parsing: "1w") > ReminderOffset(parsing: "6d"))
    }

    @Test(arguments: ["", "d", "7", "0d", "-1d", "1.5h", "7D", "1d2h", "367d", "53w", "1y", "7 d", "1s", "１d"])
    func rejectsMalformedOffsets(_ text: String) {
        let error = #expect(throws: InputError.self) { try ReminderOffset(parsing: text) }
        #expect(error?.exitCode == 65)
        #expect(error?.description.contains("reminder offset") == true)
        #expect(error?.description.contains("\n") == false)
    }
}

import Foundation
import Recurrence
import Testing

/// Wall-clock values: parsing, validation, nominal day arithmetic and §3.3.5 conversion.
@Suite struct LocalDateTimeTests {
    private func utc(_ text: String) throws -> Date {
        try Date.ISO8601FormatStyle().parse(text)
    }

    private func zone(_ name: String) throws -> TimeZone { try TimeZoneLookup.zone(named: name) }

    @Test func parsesBothForms() throws {
        let cli = try LocalDateTime(parsing: "2026-03-03T08:30")
        let ical = try LocalDateTime(parsing: "20260303T083000")
        #expect(cli == ical)
        #expect(cli.description == "2026-03-03T08:30:00")
        #expect(cli.iCalendarForm == "20260303T083000")
        #expect(try LocalDateTime(parsing: "2026-03-03T08:30:15").second == 15)
        #expect(cli.weekday == .tuesday)
    }

    @Test(arguments: ["2026-02-29T10:00", "2026-04-31T10:00", "2026-01-01T24:00", "2026-1-01T10:00",
                      "20260101T1000", "tomorrow", "2026-01-01T10:00Z"])
    func rejectsInvalidText(_ text: String) {
        #expect(throws: RecurrenceError.self) { try LocalDateTime(parsing: text) }
    }

    @Test func validatesFields() {
        #expect(throws: RecurrenceError.self) { try LocalDateTime(year: 2026, month: 2, day: 30) }
        #expect((try? LocalDateTime(year: 2028, month: 2, day: 29)) != nil)
    }

    @Test func codableUsesTheTextForm() throws {
        let value = try LocalDateTime(parsing: "2026-10-25T02:30")
        let data = try JSONEncoder().encode([value])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-10-25T02:30:00"]"#)
        #expect(try JSONDecoder().decode([LocalDateTime].self, from: data) == [value])
    }

    @Test func orderingFollowsTheCalendar() throws {
        let a = try LocalDateTime(parsing: "2026-12-31T23:59:59")
        let b = try LocalDateTime(parsing: "2027-01-01T00:00")
        #expect(a < b)
        #expect(a.addingDays(1) > b)
    }

    @Test func springGapMovesForwardByTheGap() throws {
        // Brussels skips 02:00-03:00 on 2026-03-29: 02:30 is read as 03:30 CEST = 01:30Z.
        let brussels = try zone("Europe/Brussels")
        #expect(try LocalDateTime(parsing: "2026-03-29T02:30").instant(in: brussels) == utc("2026-03-29T01:30:00Z"))
        #expect(try LocalDateTime(parsing: "2026-03-29T02:00").instant(in: brussels) == utc("2026-03-29T01:00:00Z"))
        #expect(try LocalDateTime(parsing: "2026-03-29T03:00").instant(in: brussels) == utc("2026-03-29T01:00:00Z"))
        // New York skips 02:00-03:00 on 2026-03-08: 02:15 is read as 03:15 EDT = 07:15Z.
        let newYork = try zone("America/New_York")
        #expect(try LocalDateTime(parsing: "2026-03-08T02:15").instant(in: newYork) == utc("2026-03-08T07:15:00Z"))
    }

    @Test func autumnOverlapTakesTheFirstInstant() throws {
        // Brussels repeats 02:00-03:00 on 2026-10-25: 02:30 CEST (00:30Z) comes before 02:30 CET.
        let brussels = try zone("Europe/Brussels")
        #expect(try LocalDateTime(parsing: "2026-10-25T02:30").instant(in: brussels) == utc("2026-10-25T00:30:00Z"))
        // Sydney repeats 02:00-03:00 on 2026-04-05: 02:30 AEDT = 15:30Z the day before.
        let sydney = try zone("Australia/Sydney")
        #expect(try LocalDateTime(parsing: "2026-04-05T02:30").instant(in: sydney) == utc("2026-04-04T15:30:00Z"))
    }

    @Test func instantRoundTripsOutsideTransitions() throws {
        let brussels = try zone("Europe/Brussels")
        let local = try LocalDateTime(parsing: "2026-07-14T19:00")
        #expect(local.instant(in: brussels) == (try utc("2026-07-14T17:00:00Z")))
        #expect(LocalDateTime(local.instant(in: brussels), in: brussels) == local)
        #expect(LocalDateTime(try utc("2026-10-25T01:30:00Z"), in: brussels)
            == (try LocalDateTime(parsing: "2026-10-25T02:30")))
    }

    @Test func addingDaysKeepsTheWallClockAcrossDST() throws {
        let brussels = try zone("Europe/Brussels")
        // A meetup at 19:00 on Monday 2026-03-30, the day after the spring change: a "1d"
        // reminder lands at 19:00 local on Sunday.
        let monday = try LocalDateTime(parsing: "2026-03-30T19:00")
        #expect(monday.addingDays(-1) == (try LocalDateTime(parsing: "2026-03-29T19:00")))
        #expect(monday.addingDays(-1).instant(in: brussels) == (try utc("2026-03-29T17:00:00Z")))
        // On the day of the change itself, 19:00 Sunday minus one nominal day is 19:00 CET on
        // Saturday: 23 hours earlier, not 24.
        let sunday = try LocalDateTime(parsing: "2026-03-29T19:00")
        let reminder = sunday.addingDays(-1)
        #expect(reminder.instant(in: brussels) == (try utc("2026-03-28T18:00:00Z")))
        #expect(sunday.instant(in: brussels).timeIntervalSince(reminder.instant(in: brussels)) == 23 * 3600)
        // And in autumn the nominal day is 25 hours long.
        let autumn = try LocalDateTime(parsing: "2026-10-25T19:00")
        #expect(autumn.instant(in: brussels).timeIntervalSince(autumn.addingDays(-1).instant(in: brussels)) == 25 * 3600)
        #expect(monday.addingDays(-365) == (try LocalDateTime(parsing: "2025-03-30T19:00")))
        #expect(try LocalDateTime(parsing: "2028-02-28T08:00").addingDays(1).day == 29)
        #expect(try LocalDateTime(parsing: "2026-12-31T08:00").addingDays(1) == LocalDateTime(parsing: "2027-01-01T08:00"))
    }
}

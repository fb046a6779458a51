import Foundation
import RelaisTestSupport
import Testing
@testable import ICalendar

/// Events around DST changes land on the right UTC instant, however the VTIMEZONE is read.
@Suite("VTIMEZONE and DTSTART against icalendar and zoneinfo", .blocking)
struct TimeZoneOracleTests {
    /// (zone, UTC start, expected local wall-clock start): the UTC/local pairs are facts about
    /// the zones (e.g. Brussels is UTC+2 from the last Sunday of March), not our output.
    static let cases: [(String, String, String?)] = [
        ("Europe/Brussels", "2026-03-30T17:00:00Z", "2026-03-30T19:00:00"),  // day after spring change
        ("Europe/Brussels", "2026-10-26T18:00:00Z", "2026-10-26T19:00:00"),  // day after autumn change
        ("Europe/Brussels", "2026-03-28T18:00:00Z", "2026-03-28T19:00:00"),  // day before spring change
        ("Europe/Brussels", "2026-01-06T07:30:00Z", "2026-01-06T08:30:00"),
        ("Europe/Madrid", "2026-03-29T10:00:00Z", "2026-03-29T12:00:00"),  // afternoon of the change day
        ("Europe/Madrid", "2026-10-25T11:00:00Z", "2026-10-25T12:00:00"),
        // 02:30 happens twice on 25 October 2026; readers disagree on which one a local
        // 02:30 means (pytz: the second, RFC 5545 and zoneinfo: the first), so both are written in UTC.
        ("Europe/Berlin", "2026-10-25T00:30:00Z", nil),
        ("Europe/Berlin", "2026-10-25T01:30:00Z", nil),
        ("Europe/Berlin", "2026-10-25T02:30:00Z", "2026-10-25T03:30:00"),
        ("Europe/Berlin", "2026-07-14T16:00:00Z", "2026-07-14T18:00:00"),
        ("America/New_York", "2026-03-08T16:00:00Z", "2026-03-08T12:00:00"),  // EDT from 8 March 2026
        ("America/New_York", "2026-03-07T17:00:00Z", "2026-03-07T12:00:00"),
        ("America/New_York", "2026-11-01T17:00:00Z", "2026-11-01T12:00:00"),  // EST from 1 November 2026
        ("America/New_York", "2026-12-31T23:30:00Z", "2026-12-31T18:30:00"),
        ("Australia/Sydney", "2026-04-05T00:00:00Z", "2026-04-05T10:00:00"),  // AEST from 5 April 2026
        ("Australia/Sydney", "2026-04-04T00:00:00Z", "2026-04-04T11:00:00"),
        ("Australia/Sydney", "2026-10-03T23:00:00Z", "2026-10-04T10:00:00"),  // AEDT from 4 October 2026
        ("Australia/Sydney", "2026-01-15T08:00:00Z", "2026-01-15T19:00:00"),
        ("Asia/Tokyo", "2026-07-01T10:00:00Z", "2026-07-01T19:00:00"),
        ("UTC", "2026-07-01T19:00:00Z", nil),  // UTC is written as UTC, without a VTIMEZONE
        ("Etc/GMT-3", "2026-07-01T16:00:00Z", "2026-07-01T19:00:00"),  // a fixed offset (POSIX sign: UTC+3)
        ("Australia/Lord_Howe", "2026-01-15T08:00:00Z", "2026-01-15T19:00:00"),  // +11, half-hour DST
        ("Asia/Tehran", "2022-06-01T07:30:00Z", "2022-06-01T12:00:00"),  // last year with DST: RDATE form
        ("America/Sao_Paulo", "2026-06-01T15:00:00Z", "2026-06-01T12:00:00"),
    ]

    static func event(zone: String, start: String, status: CalendarEvent.Status = .confirmed) -> CalendarEvent {
        let begin = ICSCheck.instant(start)
        return CalendarEvent(
            uid: "occ-\(zone)-\(start)@relais.example.org", sequence: 2, dtstamp: ICSCheck.instant("2026-02-01T09:15:00Z"),
            start: begin, end: begin.addingTimeInterval(5400), timeZone: TimeZone(identifier: zone)!,
            summary: "Petit-déjeuner", organizer: CalendarOrganizer(name: "Réseau", email: "r@relais.example.org"), status: status)
    }

    @Test("DTSTART and DTEND resolve to the event's instants in every zone")
    func instants() throws {
        let writer = ICalendarWriter()
        let calendars = try Self.cases.map { try writer.render(Self.event(zone: $0.0, start: $0.1)) }
        let results = try ICSCheck.run(calendars)
        for ((zone, start, local), result) in zip(Self.cases, results) {
            let context = "\(zone) \(start)"
            #expect(result.vtimezone_mismatch_count == 0, "\(context): \(result.vtimezone_mismatches)")
            #expect(result.raw.problems.isEmpty, "\(context): \(result.raw.problems)")
            guard let local else {
                #expect(result.dtstart.tzid == nil, "\(context)")
                #expect(result.dtstart.icalendar == start, "\(context)")
                #expect(result.vtimezone_count == (zone == "UTC" ? 0 : 1), "\(context)")
                continue
            }
            #expect(result.dtstart.local == local, "\(context)")
            #expect(result.dtstart.icalendar == start, "icalendar, \(context)")
            #expect(result.dtstart.icalendar_vtimezone == start, "icalendar reading our VTIMEZONE, \(context)")
            #expect(result.dtstart.vtimezone == start, "own VTIMEZONE reader, \(context)")
            #expect(result.dtstart.zoneinfo == start, "zoneinfo, \(context)")
            let end = ISO8601DateFormatter().string(from: ICSCheck.instant(start).addingTimeInterval(5400))
            #expect(result.dtend.vtimezone == end, "\(context)")
            #expect(result.dtend.icalendar_vtimezone == end, "\(context)")
            #expect(result.vtimezone_count == 1)
            #expect(result.dtstart.tzid == TimeZone(identifier: zone)!.identifier)
            #expect(result.dtstamp == "2026-02-01T09:15:00Z")
            #expect(result.raw.max_line_octets <= 75)
        }
    }

    @Test("The usual yearly rule is written as an RRULE")
    func yearlyRule() throws {
        let bytes = try ICalendarWriter().render(Self.event(zone: "Europe/Brussels", start: "2026-03-30T17:00:00Z"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"))
        #expect(text.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"))
        let newYork = String(decoding: try ICalendarWriter().render(Self.event(zone: "America/New_York", start: "2026-03-08T16:00:00Z")), as: UTF8.self)
        #expect(newYork.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"))
        #expect(newYork.contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"))
    }
}

/// TZNAME comes from the tz database (CET/CEST), not Foundation's "GMT+1".
@Suite struct ZoneNameTests {
    @Test func brusselsIsCETInWinterAndCESTInSummer() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Brussels"))
        let start = Date(timeIntervalSince1970: 1_772_523_000)
        let event = CalendarEvent(
            uid: "x@example.org", sequence: 0, dtstamp: start, start: start, end: start.addingTimeInterval(3600), timeZone: zone,
            summary: "Breakfast", description: nil, location: nil, url: nil,
            organizer: CalendarOrganizer(name: "Org", email: "org@example.org"), status: .confirmed)
        let text = String(decoding: try ICalendarWriter().render(event), as: UTF8.self)
        #expect(text.contains("TZNAME:CET\r\n"), "\(text)")
        #expect(text.contains("TZNAME:CEST\r\n"), "\(text)")
        #expect(!text.contains("GMT+"))
    }

    @Test func abbreviationsAreReadFromTheZoneFile() throws {
        let names = try #require(ZoneAbbreviations(identifier: "America/New_York"))
        #expect(names.name(offset: -18_000, isDaylight: false) == "EST")
        #expect(names.name(offset: -14_400, isDaylight: true) == "EDT")
        #expect(ZoneAbbreviations(identifier: "../etc/passwd") == nil)
    }
}

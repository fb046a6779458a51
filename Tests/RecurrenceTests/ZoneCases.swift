import Foundation
import RelaisTestSupport
import Testing

/// The project's own differential cases: DST changes, month ends, leap years, negative
/// BYxxx, week numbers, EXDATE/RDATE and realistic meetups, in five zones.
enum ZoneCases {
    private static func zoned(
        _ name: String, _ tz: String, _ start: String, _ rule: String?, limit: Int = 400,
        rdates: [String] = [], exdates: [String] = []
    ) -> OracleCase {
        OracleCase(name: "\(tz): \(name)", rule: rule, start: start, tz: tz,
                   rdates: rdates, exdates: exdates, limit: limit)
    }

    static let cases: [OracleCase] = [
        // Europe/Brussels: DST changes 2026-03-29 02:00 -> 03:00 and 2026-10-25 03:00 -> 02:00.
        zoned("daily 02:30 over the spring gap", "Europe/Brussels", "20260325T023000", "FREQ=DAILY;COUNT=8"),
        zoned("daily 02:30 over the autumn overlap", "Europe/Brussels", "20261022T023000", "FREQ=DAILY;COUNT=8"),
        zoned("hourly over the autumn overlap", "Europe/Brussels", "20261024T220000", "FREQ=HOURLY;COUNT=10"),
        zoned("hourly over the spring gap", "Europe/Brussels", "20260328T220000", "FREQ=HOURLY;COUNT=10"),
        zoned("every 30 minutes over the spring gap", "Europe/Brussels", "20260329T000000",
              "FREQ=MINUTELY;INTERVAL=30;COUNT=12"),
        zoned("every 20 minutes over the autumn overlap", "Europe/Brussels", "20261025T013000",
              "FREQ=MINUTELY;INTERVAL=20;COUNT=12"),
        zoned("weekly Thursday 19:00 meetup", "Europe/Brussels", "20260305T190000", "FREQ=WEEKLY;BYDAY=TH", limit: 60),
        zoned("first Tuesday monthly 08:30", "Europe/Brussels", "20260106T083000", "FREQ=MONTHLY;BYDAY=1TU", limit: 36),
        zoned("every Thursday 19:00, 6 times", "Europe/Brussels", "20261015T190000", "FREQ=WEEKLY;BYDAY=TH;COUNT=6"),
        zoned("last Friday of each quarter (interval)", "Europe/Brussels", "20260327T180000",
              "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR", limit: 20),
        zoned("last Friday of each quarter (BYMONTH)", "Europe/Brussels", "20260327T180000",
              "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=-1FR", limit: 20),
        zoned("last Friday of each quarter (yearly)", "Europe/Brussels", "20260327T180000",
              "FREQ=YEARLY;BYMONTH=3,6,9,12;BYDAY=-1FR", limit: 20),
        zoned("DTSTART not matching, counted in COUNT", "Europe/Brussels", "20260101T083000",
              "FREQ=MONTHLY;BYDAY=1TU;COUNT=5"),
        zoned("DTSTART not matching, COUNT=1", "Europe/Brussels", "20260101T083000", "FREQ=MONTHLY;BYDAY=1TU;COUNT=1"),
        zoned("DTSTART not matching, unbounded", "Europe/Brussels", "20260103T190000",
              "FREQ=WEEKLY;BYDAY=TH", limit: 10),
        zoned("EXDATE and RDATE", "Europe/Brussels", "20260305T190000", "FREQ=WEEKLY;BYDAY=TH;COUNT=10",
              rdates: ["20260408T190000", "20260319T190000", "20270101T120000"],
              exdates: ["20260402T190000", "20260409T180000"]),
        zoned("EXDATE of DTSTART", "Europe/Brussels", "20260305T190000", "FREQ=WEEKLY;COUNT=4",
              exdates: ["20260305T190000"]),
        zoned("floating UNTIL is inclusive", "Europe/Brussels", "20260106T083000",
              "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630T083000"),
        zoned("date UNTIL includes the whole day", "Europe/Brussels", "20260401T190000", "FREQ=DAILY;UNTIL=20260410"),
        zoned("UTC UNTIL", "Europe/Brussels", "20260301T190000", "FREQ=DAILY;UNTIL=20260401T170000Z"),
        zoned("no rule: DTSTART and RDATEs", "Europe/Brussels", "20260301T190000", nil,
              rdates: ["20260329T023000", "20260215T100000", "20260301T190000"]),
        zoned("RDATE in the spring gap", "Europe/Brussels", "20260328T030000", "FREQ=DAILY;COUNT=3",
              rdates: ["20260329T023000"]),
        zoned("EXDATE in the spring gap", "Europe/Brussels", "20260327T023000", "FREQ=DAILY;COUNT=4",
              exdates: ["20260329T023000"]),
        zoned("ten years of daily 19:00", "Europe/Brussels", "20160101T190000", "FREQ=DAILY", limit: 4000),
        // Europe/Madrid: month ends, leap years, negative positions.
        zoned("BYMONTHDAY=31", "Europe/Madrid", "20260131T100000", "FREQ=MONTHLY;BYMONTHDAY=31", limit: 24),
        zoned("BYMONTHDAY=-1", "Europe/Madrid", "20260131T100000", "FREQ=MONTHLY;BYMONTHDAY=-1", limit: 24),
        zoned("BYMONTHDAY=30 skips February", "Europe/Madrid", "20260130T100000", "FREQ=MONTHLY;BYMONTHDAY=30",
              limit: 24),
        zoned("the last of the 29th..31st", "Europe/Madrid", "20260129T100000",
              "FREQ=MONTHLY;BYMONTHDAY=29,30,31;BYSETPOS=-1", limit: 24),
        zoned("last weekday of the month", "Europe/Madrid", "20260130T090000",
              "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", limit: 24),
        zoned("first and last weekend day of the month", "Europe/Madrid", "20260103T110000",
              "FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1,-1", limit: 24),
        zoned("February 29 yearly", "Europe/Madrid", "20240229T120000", "FREQ=YEARLY", limit: 6),
        zoned("February 29 yearly, BYMONTHDAY=-1", "Europe/Madrid", "20240229T120000",
              "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", limit: 8),
        zoned("BYYEARDAY=366", "Europe/Madrid", "20240101T090000", "FREQ=YEARLY;BYYEARDAY=366", limit: 5),
        zoned("BYYEARDAY=-1", "Europe/Madrid", "20240101T090000", "FREQ=YEARLY;BYYEARDAY=-1", limit: 8),
        zoned("BYYEARDAY=-366 and 60", "Europe/Madrid", "20230101T090000", "FREQ=YEARLY;BYYEARDAY=-366,60", limit: 10),
        zoned("last Sunday of the year", "Europe/Madrid", "20260101T100000", "FREQ=YEARLY;BYDAY=-1SU", limit: 10),
        zoned("first and last Monday of each month (yearly)", "Europe/Madrid", "20260101T100000",
              "FREQ=YEARLY;BYMONTH=1,4,7,10;BYDAY=1MO,-1MO", limit: 24),
        zoned("every 2 years, 53rd Thursday", "Europe/Madrid", "20200101T100000",
              "FREQ=YEARLY;INTERVAL=2;BYDAY=53TH", limit: 6),
        zoned("DTSTART on the 31st, BYMONTH default day", "Europe/Madrid", "20260131T100000",
              "FREQ=YEARLY;BYMONTH=1,3,4", limit: 12),
        // Europe/Berlin: week numbers and WKST.
        zoned("week 1 Mondays and Sundays (WKST=SU)", "Europe/Berlin", "20200101T100000",
              "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO,SU;WKST=SU", limit: 20),
        zoned("week 1 Mondays and Sundays (WKST=MO)", "Europe/Berlin", "20200101T100000",
              "FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO,SU", limit: 20),
        zoned("week 53 Thursdays", "Europe/Berlin", "20150101T100000", "FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH", limit: 5),
        zoned("weeks 10 and 20, every day (WKST=TH)", "Europe/Berlin", "20260101T100000",
              "FREQ=YEARLY;BYWEEKNO=10,20;WKST=TH", limit: 42),
        zoned("week 52 Fridays (WKST=WE)", "Europe/Berlin", "20200101T100000",
              "FREQ=YEARLY;BYWEEKNO=52;BYDAY=FR;WKST=WE", limit: 8),
        zoned("last week of the year, Mondays (BYWEEKNO=-1)", "Europe/Berlin", "20150101T100000",
              "FREQ=YEARLY;BYWEEKNO=-1;BYDAY=MO", limit: 12),
        zoned("last week of the year, every day (BYWEEKNO=-1;WKST=SU)", "Europe/Berlin", "20150101T100000",
              "FREQ=YEARLY;BYWEEKNO=-1;WKST=SU", limit: 40),
        zoned("week 1, every day", "Europe/Berlin", "20150101T100000", "FREQ=YEARLY;BYWEEKNO=1", limit: 40),
        zoned("every other week Monday and Thursday (WKST=TH)", "Europe/Berlin", "20260105T180000",
              "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=TH", limit: 30),
        zoned("every other week Monday and Thursday (WKST=MO)", "Europe/Berlin", "20260105T180000",
              "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", limit: 30),
        zoned("daily 01:30, 02:30, 03:30 over the spring gap", "Europe/Berlin", "20270326T013000",
              "FREQ=DAILY;BYHOUR=1,2,3;BYMINUTE=30;COUNT=12"),
        zoned("every 15 minutes in seconds over the spring gap", "Europe/Berlin", "20270328T013000",
              "FREQ=SECONDLY;INTERVAL=900;COUNT=12"),
        zoned("hourly 9 to 11 on weekdays", "Europe/Berlin", "20260105T090000",
              "FREQ=HOURLY;BYHOUR=9,10,11;BYDAY=MO,TU,WE,TH,FR", limit: 40),
        zoned("every 45 minutes at hours 8 and 9", "Europe/Berlin", "20260105T080000",
              "FREQ=MINUTELY;INTERVAL=45;BYHOUR=8,9", limit: 30),
        // America/New_York: DST changes 2026-03-08 02:00 -> 03:00 and 2026-11-01 02:00 -> 01:00.
        zoned("daily 02:30 over the spring gap", "America/New_York", "20260305T023000", "FREQ=DAILY;COUNT=6"),
        zoned("hourly over the autumn overlap", "America/New_York", "20261031T230000", "FREQ=HOURLY;COUNT=6"),
        zoned("daily 01:30 over the autumn overlap", "America/New_York", "20261030T013000", "FREQ=DAILY;COUNT=4"),
        zoned("weekly Tuesday 19:00 meetup", "America/New_York", "20260303T190000",
              "FREQ=WEEKLY;BYDAY=TU", limit: 40),
        zoned("second Sunday of March 02:30 yearly", "America/New_York", "20260308T023000",
              "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", limit: 6),
        // Australia/Sydney: DST ends 2026-04-05 03:00 -> 02:00, starts 2026-10-04 02:00 -> 03:00.
        zoned("weekly Sunday 02:30 over both changes", "Australia/Sydney", "20260315T023000",
              "FREQ=WEEKLY", limit: 40),
        zoned("daily 02:00 over the spring gap", "Australia/Sydney", "20261001T020000", "FREQ=DAILY;COUNT=6"),
        zoned("first Sunday monthly 02:30", "Australia/Sydney", "20260104T023000",
              "FREQ=MONTHLY;BYDAY=1SU", limit: 24),
        zoned("hourly over the autumn overlap", "Australia/Sydney", "20260405T000000", "FREQ=HOURLY;COUNT=6"),
        zoned("last Friday of December yearly", "Australia/Sydney", "20261225T190000",
              "FREQ=YEARLY;BYMONTH=12;BYDAY=-1FR", limit: 8),
        zoned("every 5 hours on Sundays from 1965", "America/New_York", "19650103T090000",
              "FREQ=HOURLY;INTERVAL=5;BYDAY=SU", limit: 60),
        zoned("every 50 minutes at 2 a.m. on Sundays from 1966", "America/New_York", "19660102T020000",
              "FREQ=MINUTELY;INTERVAL=50;BYDAY=SU;BYHOUR=2", limit: 60),
        // Unusual transitions: a skipped calendar day and a half-hour DST shift.
        zoned("daily 12:00 over the skipped 2011-12-30", "Pacific/Apia", "20111228T120000", "FREQ=DAILY;COUNT=5"),
        zoned("every 20 minutes over the half-hour gap", "Australia/Lord_Howe", "20261004T013000",
              "FREQ=MINUTELY;INTERVAL=20;COUNT=8"),
        zoned("every 20 minutes over the half-hour overlap", "Australia/Lord_Howe", "20260405T011000",
              "FREQ=MINUTELY;INTERVAL=20;COUNT=8"),
    ]
}

/// The library agrees with python-dateutil on the project's own cases.
@Suite(.blocking) struct ZoneCaseTests {
    @Test(arguments: ZoneCases.cases)
    func matchesOracle(_ testCase: OracleCase) throws {
        let expected = try Oracle.answer(for: testCase)
        #expect(!expected.isEmpty)
        #expect(try testCase.expanded() == expected)
    }

    /// `occurrences(from:)` yields exactly the oracle's occurrences at or after `from`,
    /// whether `from` is an occurrence's instant or one second after it.
    @Test(arguments: ZoneCases.cases.filter { $0.limit >= 20 })
    func skipsAheadToFrom(_ testCase: OracleCase) throws {
        let expected = try Oracle.answer(for: testCase)
        let set = try testCase.recurrenceSet()
        let iso = Date.ISO8601FormatStyle()
        for index in [1, expected.count / 2, expected.count - 3] where index > 0 && index < expected.count {
            let instant = try iso.parse(expected[index])
            for from in [instant, instant.addingTimeInterval(1)] {
                let wanted = expected.filter { (try? iso.parse($0)).map { $0 >= from } ?? false }
                let got = set.occurrences(from: from).prefix(wanted.count).map { $0.start.formatted(.iso8601) }
                #expect(got == wanted, "from \(from)")
            }
        }
    }
}

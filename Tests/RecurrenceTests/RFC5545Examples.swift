import RelaisTestSupport
import Testing

/// Every RRULE example of RFC 5545 §3.8.5.3, with the RFC's DTSTART in America/New_York.
enum RFC5545Examples {
    private static func example(
        _ name: String, _ start: String, _ rule: String, limit: Int = 400, exdates: [String] = []
    ) -> OracleCase {
        OracleCase(name: "RFC 5545: " + name, rule: rule, start: start, tz: "America/New_York",
                   exdates: exdates, limit: limit)
    }

    static let cases: [OracleCase] = [
        example("daily for 10 occurrences", "19970902T090000", "FREQ=DAILY;COUNT=10"),
        example("daily until December 24, 1997", "19970902T090000", "FREQ=DAILY;UNTIL=19971224T000000Z"),
        example("every other day, forever", "19970902T090000", "FREQ=DAILY;INTERVAL=2", limit: 60),
        example("every 10 days, 5 occurrences", "19970902T090000", "FREQ=DAILY;INTERVAL=10;COUNT=5"),
        example("every day in January for 3 years (yearly)", "19980101T090000",
                "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA"),
        example("every day in January for 3 years (daily)", "19980101T090000",
                "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1"),
        example("weekly for 10 occurrences", "19970902T090000", "FREQ=WEEKLY;COUNT=10"),
        example("weekly until December 24, 1997", "19970902T090000", "FREQ=WEEKLY;UNTIL=19971224T000000Z"),
        example("every other week, forever", "19970902T090000", "FREQ=WEEKLY;INTERVAL=2;WKST=SU", limit: 40),
        example("weekly on Tuesday and Thursday for five weeks (until)", "19970902T090000",
                "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH"),
        example("weekly on Tuesday and Thursday for five weeks (count)", "19970902T090000",
                "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH"),
        example("every other week on Monday, Wednesday and Friday until December 24, 1997", "19970901T090000",
                "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR"),
        example("every other week on Tuesday and Thursday, for 8 occurrences", "19970902T090000",
                "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH"),
        example("monthly on the first Friday for 10 occurrences", "19970905T090000",
                "FREQ=MONTHLY;COUNT=10;BYDAY=1FR"),
        example("monthly on the first Friday until December 24, 1997", "19970905T090000",
                "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR"),
        example("every other month on the first and last Sunday, 10 occurrences", "19970907T090000",
                "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU"),
        example("monthly on the second-to-last Monday for 6 months", "19970922T090000",
                "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO"),
        example("monthly on the third-to-the-last day, forever", "19970928T090000",
                "FREQ=MONTHLY;BYMONTHDAY=-3", limit: 40),
        example("monthly on the 2nd and 15th for 10 occurrences", "19970902T090000",
                "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15"),
        example("monthly on the first and last day for 10 occurrences", "19970930T090000",
                "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1"),
        example("every 18 months on the 10th thru 15th, 10 occurrences", "19970910T090000",
                "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15"),
        example("every Tuesday, every other month", "19970902T090000",
                "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", limit: 50),
        example("yearly in June and July for 10 occurrences", "19970610T090000",
                "FREQ=YEARLY;COUNT=10;BYMONTH=6,7"),
        example("every other year on January, February and March for 10 occurrences", "19970310T090000",
                "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3"),
        example("every third year on the 1st, 100th and 200th day for 10 occurrences", "19970101T090000",
                "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200"),
        example("every 20th Monday of the year, forever", "19970519T090000", "FREQ=YEARLY;BYDAY=20MO", limit: 20),
        example("Monday of week number 20, forever", "19970512T090000",
                "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", limit: 20),
        example("every Thursday in March, forever", "19970313T090000",
                "FREQ=YEARLY;BYMONTH=3;BYDAY=TH", limit: 40),
        example("every Thursday in June, July and August, forever", "19970605T090000",
                "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", limit: 60),
        example("every Friday the 13th, forever (DTSTART excluded)", "19970902T090000",
                "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", limit: 20, exdates: ["19970902T090000"]),
        example("the first Saturday that follows the first Sunday of the month, forever", "19970913T090000",
                "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", limit: 30),
        example("US presidential election day, every 4 years, forever", "19961105T090000",
                "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", limit: 15),
        example("the third of Tuesday, Wednesday or Thursday of the month, 3 months", "19970904T090000",
                "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3"),
        example("the second-to-last weekday of the month", "19970929T090000",
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", limit: 30),
        example("every 3 hours from 9:00 to 17:00 on one day", "19970902T090000",
                "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z"),
        example("every 15 minutes for 6 occurrences", "19970902T090000", "FREQ=MINUTELY;INTERVAL=15;COUNT=6"),
        example("every hour and a half for 4 occurrences", "19970902T090000", "FREQ=MINUTELY;INTERVAL=90;COUNT=4"),
        example("every 20 minutes from 9:00 to 16:40 every day (daily)", "19970902T090000",
                "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", limit: 100),
        example("every 20 minutes from 9:00 to 16:40 every day (minutely)", "19970902T090000",
                "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16", limit: 100),
        example("WKST makes a difference (WKST=MO)", "19970805T090000",
                "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"),
        example("WKST makes a difference (WKST=SU)", "19970805T090000",
                "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"),
        example("an invalid date (February 30) is ignored", "20070115T090000",
                "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5"),
    ]
}

/// The library agrees with python-dateutil on every RFC 5545 example.
@Suite(.blocking) struct RFC5545ExampleTests {
    @Test(arguments: RFC5545Examples.cases)
    func matchesOracle(_ testCase: OracleCase) throws {
        let expected = try Oracle.answer(for: testCase)
        #expect(!expected.isEmpty)
        #expect(try testCase.expanded() == expected)
    }
}

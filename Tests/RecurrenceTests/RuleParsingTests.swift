import Recurrence
import Testing

/// RRULE parsing: canonical round trip and one-line errors that name the offending part.
@Suite struct RuleParsingTests {
    @Test(arguments: [
        ("FREQ=FORTNIGHTLY", #"invalid RRULE part "FREQ=FORTNIGHTLY": "FORTNIGHTLY" is not a frequency"#),
        ("FREQ=MONTHLY;BYDAY=1XX",
         #"invalid RRULE part "BYDAY=1XX": "1XX" is not a weekday (expected [+-]N?MO..SU)"#),
        ("FREQ=MONTHLY;BYDAY=TU,+XMO", #"invalid RRULE part "BYDAY=TU,+XMO": "+XMO" is not a weekday"#),
        ("FREQ=DAILY;COUNT=5;UNTIL=20261231T000000Z",
         #"invalid RRULE part "UNTIL=20261231T000000Z": UNTIL cannot be combined with COUNT=5"#),
        ("FREQ=MONTHLY;BYSETPOS=-1", #"invalid RRULE part "BYSETPOS=-1": BYSETPOS needs another BYxxx part"#),
        ("FREQ=DAILY;COLOR=RED", #"invalid RRULE part "COLOR=RED": unknown part name "COLOR""#),
        ("FREQ=YEARLY;BYMONTH=13", #"invalid RRULE part "BYMONTH=13": 13 is out of range (expected 1...12)"#),
        ("FREQ=MONTHLY;BYMONTHDAY=0", #"invalid RRULE part "BYMONTHDAY=0": 0 is out of range"#),
        ("FREQ=MONTHLY;BYMONTHDAY=-32", #"invalid RRULE part "BYMONTHDAY=-32": -32 is out of range"#),
        ("FREQ=DAILY;BYHOUR=24", #"invalid RRULE part "BYHOUR=24": 24 is out of range (expected 0...23)"#),
        ("FREQ=DAILY;BYMINUTE=60", #"invalid RRULE part "BYMINUTE=60""#),
        ("FREQ=YEARLY;BYYEARDAY=367", #"invalid RRULE part "BYYEARDAY=367""#),
        ("FREQ=YEARLY;BYWEEKNO=54", #"invalid RRULE part "BYWEEKNO=54""#),
        ("FREQ=MONTHLY;BYDAY=6MO", #"invalid RRULE part "BYDAY=6MO""#),
        ("FREQ=DAILY;INTERVAL=0", #"invalid RRULE part "INTERVAL=0": 0 is out of range"#),
        ("FREQ=DAILY;COUNT=-2", #"invalid RRULE part "COUNT=-2": "-2" is not a positive integer"#),
        ("FREQ=DAILY;UNTIL=2026-12-31", #"invalid RRULE part "UNTIL=2026-12-31""#),
        ("FREQ=DAILY;UNTIL=20260230T000000Z", #"invalid RRULE part "UNTIL=20260230T000000Z""#),
        ("FREQ=WEEKLY;WKST=XX", #"invalid RRULE part "WKST=XX": "XX" is not a weekday"#),
        ("FREQ=DAILY;FREQ=WEEKLY", #"invalid RRULE part "FREQ=WEEKLY": FREQ is given twice"#),
        ("FREQ=DAILY;BYHOUR", #"invalid RRULE part "BYHOUR": expected NAME=VALUE"#),
        ("FREQ=DAILY;BYHOUR=", #"invalid RRULE part "BYHOUR=": the value is empty"#),
        ("BYDAY=MO", #"invalid RRULE "BYDAY=MO": FREQ is missing"#),
        ("FREQ=MONTHLY;BYWEEKNO=3", #"invalid RRULE part "BYWEEKNO=3": BYWEEKNO is only allowed with FREQ=YEARLY"#),
        ("FREQ=MONTHLY;BYYEARDAY=3", #"invalid RRULE part "BYYEARDAY=3""#),
        ("FREQ=WEEKLY;BYMONTHDAY=3", #"invalid RRULE part "BYMONTHDAY=3""#),
        ("FREQ=WEEKLY;BYDAY=1MO", #"invalid RRULE part "BYDAY=1MO": an ordinal weekday is only allowed"#),
        ("FREQ=YEARLY;BYWEEKNO=2;BYDAY=1MO", #"invalid RRULE part "BYDAY=1MO""#),
    ])
    func malformedRuleIsRejectedNamingThePart(_ text: String, _ expectedPrefix: String) {
        #expect {
            _ = try RecurrenceRule(parsing: text)
        } throws: { error in
            let description = "\(error)"
            return description.hasPrefix(expectedPrefix) && !description.contains("\n")
        }
    }

    @Test func errorDescriptionIsOneFullLine() throws {
        let error = try #require(throws: RecurrenceError.self) { try RecurrenceRule(parsing: "FREQ=MONTHLY;BYDAY=1XX") }
        #expect(error.description
            == #"invalid RRULE part "BYDAY=1XX": "1XX" is not a weekday (expected [+-]N?MO..SU)"#)
    }

    @Test(arguments: [
        ("RRULE:FREQ=MONTHLY;BYDAY=1TU", "FREQ=MONTHLY;BYDAY=1TU"),
        ("FREQ=DAILY;", "FREQ=DAILY"),
        ("freq=weekly;byday=th;count=6", "FREQ=WEEKLY;COUNT=6;BYDAY=TH"),
        ("FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=3", "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR"),
        ("FREQ=YEARLY;UNTIL=20301231;BYMONTH=3,6,9,12;BYDAY=+1MO,-1FR;WKST=SU",
         "FREQ=YEARLY;UNTIL=20301231;BYMONTH=3,6,9,12;BYDAY=1MO,-1FR;WKST=SU"),
        ("FREQ=DAILY;UNTIL=20261224T000000Z;BYHOUR=9,10;BYMINUTE=0,30;BYSECOND=15",
         "FREQ=DAILY;UNTIL=20261224T000000Z;BYHOUR=9,10;BYMINUTE=0,30;BYSECOND=15"),
        ("FREQ=MONTHLY;BYMONTHDAY=29,30,31;BYSETPOS=-1", "FREQ=MONTHLY;BYMONTHDAY=29,30,31;BYSETPOS=-1"),
        ("FREQ=YEARLY;BYWEEKNO=-1,20;BYYEARDAY=+100", "FREQ=YEARLY;BYWEEKNO=-1,20;BYYEARDAY=100"),
    ])
    func descriptionIsCanonicalAndReparses(_ text: String, _ canonical: String) throws {
        let rule = try RecurrenceRule(parsing: text)
        #expect(rule.description == canonical)
        #expect(try RecurrenceRule(parsing: rule.description) == rule)
    }

    @Test func partsAreExposed() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;COUNT=4")
        #expect(rule.frequency == .monthly)
        #expect(rule.interval == 3)
        #expect(rule.count == 4)
        #expect(rule.byDay == [.init(.friday, ordinal: -1)])
        #expect(rule.until == nil)
    }

    @Test func unknownZoneIsRejected() {
        #expect(throws: RecurrenceError.self) { try TimeZoneLookup.zone(named: "Europe/Bruxelles") }
        #expect(throws: RecurrenceError.self) { try TimeZoneLookup.zone(named: "") }
        #expect((try? TimeZoneLookup.zone(named: "Europe/Brussels"))?.identifier == "Europe/Brussels")
        #expect((try? TimeZoneLookup.zone(named: "UTC")) != nil)
    }
}

import Foundation
import Recurrence
import Testing

/// Behaviour of `RecurrenceSet` beyond what the differential cases cover.
@Suite struct RecurrenceSetTests {
    private func set(_ start: String, _ rule: String?, zone: String = "Europe/Brussels") throws -> RecurrenceSet {
        RecurrenceSet(start: try LocalDateTime(parsing: start), zone: try TimeZoneLookup.zone(named: zone),
                      rule: try rule.map { try RecurrenceRule(parsing: $0) })
    }

    private func locals(_ occurrences: some Sequence<Occurrence>) -> [String] {
        occurrences.map(\.local.description)
    }

    @Test func plainAndOrdinalWeekdaysAreAUnion() throws {
        // RFC 5545 reads BYDAY as a list of alternatives (dateutil intersects plain and ordinal days).
        let series = try set("2026-01-06T08:30", "FREQ=MONTHLY;BYDAY=FR,1TU;COUNT=8")
        #expect(locals(series.occurrences()) == [
            "2026-01-06T08:30:00", "2026-01-09T08:30:00", "2026-01-16T08:30:00", "2026-01-23T08:30:00",
            "2026-01-30T08:30:00", "2026-02-03T08:30:00", "2026-02-06T08:30:00", "2026-02-13T08:30:00",
        ])
    }

    @Test func unboundedRuleIsLazy() throws {
        let series = try set("2026-01-01T00:00", "FREQ=MINUTELY")
        #expect(Array(series.occurrences().prefix(3)).count == 3)
        let far = series.occurrences(from: try LocalDateTime(parsing: "2400-01-01T00:00").instant(in: series.zone))
        #expect(far.first(where: { _ in true })?.local == (try LocalDateTime(parsing: "2400-01-01T00:00")))
    }

    @Test func ruleThatNeverMatchesYieldsOnlyDTSTART() throws {
        let series = try set("2026-01-30T10:00", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
        #expect(locals(series.occurrences()) == ["2026-01-30T10:00:00"])
    }

    @Test func gapOccurrenceKeepsItsNominalWallClock() throws {
        let series = try set("2026-03-28T02:30", "FREQ=DAILY;COUNT=2")
        let second = try #require(Array(series.occurrences()).last)
        #expect(second.local == (try LocalDateTime(parsing: "2026-03-29T02:30")))
        #expect(second.start == (try Date.ISO8601FormatStyle().parse("2026-03-29T01:30:00Z")))
    }

    @Test(arguments: ["FREQ=WEEKLY;BYDAY=TU,TH;COUNT=300", "FREQ=MONTHLY;BYDAY=1TU",
                      "FREQ=DAILY;INTERVAL=3", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;BYHOUR=2,3"])
    func fromAgreesWithFilteringTheFullExpansion(_ rule: String) throws {
        let series = try set("2016-03-01T02:30", rule)
        let all = Array(series.occurrences().prefix(3000))
        for from in ["2016-03-01T01:30:00Z", "2019-10-27T01:00:00Z", "2021-03-28T01:30:00Z", "2022-06-15T12:00:00Z"] {
            let date = try Date.ISO8601FormatStyle().parse(from)
            let expected = all.filter { $0.start >= date }
            #expect(Array(series.occurrences(from: date).prefix(expected.count)) == expected, "from \(from)")
            #expect(series.nextOccurrence(from: date) == expected.first)
        }
    }

    @Test func occurrencesAscendWithoutDuplicates() throws {
        let series = try set("2026-03-28T00:00", "FREQ=MINUTELY;INTERVAL=10;COUNT=400")
        let starts = series.occurrences().map(\.start)
        #expect(starts == starts.sorted())
        #expect(Set(starts).count == starts.count)
        #expect(starts.count == 400 - 6)  // the six 02:xx instants coincide with 03:xx
    }
}

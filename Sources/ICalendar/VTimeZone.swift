import Foundation

/// A VTIMEZONE component: the observances (STANDARD / DAYLIGHT) of one zone.
///
/// Built from Foundation's `TimeZone` for the years around an event: when the zone's
/// transitions follow one yearly rule over those years (the usual "last Sunday of March"
/// kind), each observance is written with an RRULE; otherwise every transition of the
/// event's year ±1 is listed with RDATEs. A zone without transitions gets one STANDARD.
struct VTimeZone: Hashable, Sendable {
    /// One STANDARD or DAYLIGHT sub-component.
    struct Observance: Hashable, Sendable {
        var isDaylight: Bool
        /// First onset, as wall-clock time in `offsetFrom`.
        var start: DateTimeValue
        var offsetFrom: Int
        var offsetTo: Int
        var name: String?
        /// `FREQ=YEARLY;BYMONTH=…;BYDAY=…` when the onsets follow a yearly rule.
        var rule: YearlyRule?
        /// Further onsets, wall-clock time in `offsetFrom`.
        var additionalStarts: [DateTimeValue]
    }

    /// "The n-th (or last, n = -1) weekday of a month".
    struct YearlyRule: Hashable, Sendable {
        var month: Int
        var ordinal: Int
        /// 0 = Sunday … 6 = Saturday.
        var weekday: Int

        /// The day of the month this rule gives in `year`.
        func day(in year: Int) -> Int {
            let firstWeekday = DateTimeValue(year: year, month: month, day: 1, hour: 0, minute: 0, second: 0).weekday
            let first = 1 + (weekday - firstWeekday + 7) % 7
            if ordinal > 0 { return first + 7 * (ordinal - 1) }
            let length = DateTimeValue.daysInMonth(year, month)
            return first + 7 * ((length - first) / 7)
        }

        var rrule: String {
            let days = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
            return "FREQ=YEARLY;BYMONTH=\(month);BYDAY=\(ordinal)\(days[weekday])"
        }
    }

    /// The TZID.
    var identifier: String
    /// Its observances, ordered by first onset.
    var observances: [Observance]
}

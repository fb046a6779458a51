import CivilTime
import Foundation

/// A wall-clock date and time (no zone), as written in iCalendar `DATE-TIME` values: the
/// writer's own small value (Recurrence's `DateTimeValue` is the domain's; leaves do not share
/// types), on the shared ``CivilCalendar`` arithmetic.
struct DateTimeValue: Hashable, Comparable, Sendable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    /// The wall-clock time of `date` at `offset` seconds east of UTC.
    init(_ date: Date, offset: Int) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(offset)
        let secondOfDay: Int
        (year, month, day, secondOfDay) = CivilCalendar.civil(seconds: seconds)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// Days since 1970-01-01 of this date.
    var days: Int64 { Self.days(year: year, month: month, day: day) }

    /// 0 = Sunday … 6 = Saturday.
    var weekday: Int { Int(((days + 4) % 7 + 7) % 7) }

    /// `YYYYMMDDTHHMMSS`.
    var basicFormat: String {
        var text = ""
        text.reserveCapacity(16)
        Self.pad(&text, year, 4)
        Self.pad(&text, month, 2)
        Self.pad(&text, day, 2)
        text += "T"
        Self.pad(&text, hour, 2)
        Self.pad(&text, minute, 2)
        Self.pad(&text, second, 2)
        return text
    }

    static func < (lhs: DateTimeValue, rhs: DateTimeValue) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }

    static func pad(_ text: inout String, _ value: Int, _ width: Int) {
        let digits = String(value)
        if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
        text += digits
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        CivilCalendar.daysInMonth(year: year, month: month)
    }

    /// Day count since 1970-01-01 of a proleptic Gregorian date.
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        Int64(CivilCalendar.days(year: year, month: month, day: day))
    }
}

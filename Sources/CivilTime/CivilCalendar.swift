/// Proleptic Gregorian day arithmetic on day numbers (days since 1970-01-01), without Foundation:
/// the one implementation that Recurrence, ICalendar and MIME share.
///
/// The conversions are Howard Hinnant's `days_from_civil` / `civil_from_days`.
public enum CivilCalendar {
    /// Seconds in a nominal day.
    public static let secondsPerDay: Int64 = 86_400

    /// The day number of a proleptic Gregorian date.
    @inlinable @inline(__always)
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day number.
    @inlinable @inline(__always)
    public static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Whether `year` is a Gregorian leap year.
    @inlinable @inline(__always)
    public static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in a month.
    @inlinable @inline(__always)
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The number of days in a year.
    @inlinable @inline(__always)
    public static func daysInYear(_ year: Int) -> Int { isLeap(year) ? 366 : 365 }

    /// The ISO weekday (1 = Monday ... 7 = Sunday) of a day number.
    @inlinable @inline(__always)
    public static func weekday(_ days: Int) -> Int {
        // 1970-01-01 was a Thursday (4).
        let r = (days + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// The first day of the week (starting on `weekStart`, ISO number) that contains `days`.
    @inlinable @inline(__always)
    public static func startOfWeek(_ days: Int, weekStart: Int) -> Int {
        days - (weekday(days) - weekStart + 7) % 7
    }

    /// The first day of week 1 of `year`: the week (starting on `weekStart`) holding January 4.
    @inlinable @inline(__always)
    public static func firstWeekStart(year: Int, weekStart: Int) -> Int {
        startOfWeek(Self.days(year: year, month: 1, day: 4), weekStart: weekStart)
    }

    /// Floor division for possibly negative numerators.
    @inlinable @inline(__always)
    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// The proleptic Gregorian date and the second of the day of a count of seconds since
    /// 1970-01-01T00:00:00 (negative counts are before it).
    @inlinable
    public static func civil(seconds: Int64) -> (year: Int, month: Int, day: Int, secondOfDay: Int) {
        let days = floorDiv(seconds, secondsPerDay)
        let (year, month, day) = civil(Int(days))
        return (year, month, day, Int(seconds - days * secondsPerDay))
    }
}

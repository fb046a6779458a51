import CivilTime

/// A wall-clock date and time without a zone (proleptic Gregorian, years 1...9999).
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year (1...9999).
    public let year: Int
    /// The month (1...12).
    public let month: Int
    /// The day of the month (1...31, valid for the month).
    public let day: Int
    /// The hour (0...23).
    public let hour: Int
    /// The minute (0...59).
    public let minute: Int
    /// The second (0...59).
    public let second: Int

    /// A validated local date-time; throws when a field is out of range (e.g. February 30).
    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0
    ) throws(RecurrenceError) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month),
              (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else {
            throw RecurrenceError(
                "invalid local date-time \(year)-\(month)-\(day) \(hour):\(minute):\(second): field out of range")
        }
        self.init(uncheckedYear: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// A local date-time whose fields are already known to be valid.
    init(uncheckedYear year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The local date-time `seconds` after 1970-01-01T00:00:00 on the wall clock.
    init(localSeconds seconds: Int64) {
        let days = CivilCalendar.floorDiv(seconds, CivilCalendar.secondsPerDay)
        let tod = Int(seconds - days * CivilCalendar.secondsPerDay)
        let (y, m, d) = CivilCalendar.civil(Int(days))
        self.init(uncheckedYear: y, month: m, day: d, hour: tod / 3600, minute: tod / 60 % 60, second: tod % 60)
    }

    /// Day number (days since 1970-01-01) of the date part.
    var dayNumber: Int { CivilCalendar.days(year: year, month: month, day: day) }

    /// Seconds since midnight of the time part.
    var secondOfDay: Int { hour * 3600 + minute * 60 + second }

    /// Wall-clock seconds since 1970-01-01T00:00:00, as if the zone were UTC.
    var localSeconds: Int64 {
        Int64(dayNumber) * CivilCalendar.secondsPerDay + Int64(secondOfDay)
    }

    /// The day of the week.
    public var weekday: Weekday { Weekday(rawValue: CivilCalendar.weekday(dayNumber))! }

    /// The same wall-clock time `n` calendar days later (earlier when negative): a nominal shift.
    public func addingDays(_ n: Int) -> LocalDateTime {
        let (y, m, d) = CivilCalendar.civil(dayNumber + n)
        return LocalDateTime(uncheckedYear: y, month: m, day: d, hour: hour, minute: minute, second: second)
    }

    /// Orders by date, then time.
    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }

    /// `YYYY-MM-DDTHH:MM:SS`.
    public var description: String {
        "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):\(pad(second))"
    }

    /// The iCalendar basic form `YYYYMMDDTHHMMSS`.
    public var iCalendarForm: String {
        "\(pad(year, 4))\(pad(month))\(pad(day))T\(pad(hour))\(pad(minute))\(pad(second))"
    }
}

/// Zero-pads a non-negative number to `width` digits.
func pad(_ value: Int, _ width: Int = 2) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

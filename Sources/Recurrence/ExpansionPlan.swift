import CivilTime

/// A rule's constants for expansion: BYxxx parts as masks, with RFC 5545's defaults taken
/// from DTSTART (e.g. `FREQ=MONTHLY` alone repeats on DTSTART's day of the month).
struct ExpansionPlan: Sendable {
    /// Last day number the expansion reaches (9999-12-31).
    static let lastDay = CivilCalendar.days(year: 9999, month: 12, day: 31)

    let frequency: RecurrenceRule.Frequency
    let interval: Int
    /// DTSTART in wall-clock seconds.
    let start: Int64
    let count: Int?
    /// No instance after this wall-clock second (from UNTIL; for a UTC UNTIL, a safe upper bound).
    let localBound: Int64
    let weekStart: Int
    /// Bit `m` set for each allowed month; 0 when unrestricted.
    let monthMask: UInt16
    let weekNumbers: [Int]
    let yearDays: [Int]
    /// Bits 1...31 for positive and negative BYMONTHDAY values.
    let positiveMonthDays: UInt32
    let negativeMonthDays: UInt32
    /// BYDAY entries as (ordinal, ISO weekday).
    let weekdays: [(ordinal: Int, weekday: Int)]
    /// Whether BYDAY ordinals count within the year (else within the month).
    let ordinalsInYear: Bool
    /// Sorted seconds of day for YEARLY...DAILY.
    let times: [Int]
    /// Expanded minutes and seconds for sub-daily frequencies.
    let minutes: [Int]
    let seconds: [Int]
    /// Bit masks limiting hours, minutes, seconds (all ones when unrestricted).
    let hourMask: UInt32
    let minuteMask: UInt64
    let secondMask: UInt64
    let setPositions: [Int]

    /// Resolves `rule` against DTSTART `startTime`.
    init(rule: RecurrenceRule, start startTime: LocalDateTime) {
        frequency = rule.frequency
        interval = rule.interval
        start = startTime.localSeconds
        count = rule.count
        weekStart = (rule.weekStart ?? .monday).rawValue
        switch rule.until {
        case .utc(let time): localBound = time.localSeconds + 16 * 3600
        case .local(let time): localBound = time.localSeconds
        case .date(let time): localBound = time.localSeconds + CivilCalendar.secondsPerDay - 1
        case nil: localBound = .max
        }
        var byMonth = rule.byMonth, byMonthDay = rule.byMonthDay, byDay = rule.byDay
        if rule.byWeekNumber.isEmpty && rule.byYearDay.isEmpty && byMonthDay.isEmpty && byDay.isEmpty {
            switch rule.frequency {
            case .yearly:
                if byMonth.isEmpty { byMonth = [startTime.month] }
                byMonthDay = [startTime.day]
            case .monthly: byMonthDay = [startTime.day]
            case .weekly: byDay = [.init(startTime.weekday)]
            default: break
            }
        }
        monthMask = byMonth.reduce(0) { $0 | UInt16(1) << UInt16($1) }
        weekNumbers = rule.byWeekNumber
        yearDays = rule.byYearDay
        positiveMonthDays = byMonthDay.filter { $0 > 0 }.reduce(0) { $0 | UInt32(1) << UInt32($1) }
        negativeMonthDays = byMonthDay.filter { $0 < 0 }.reduce(0) { $0 | UInt32(1) << UInt32(-$1) }
        weekdays = byDay.map { ($0.ordinal, $0.weekday.rawValue) }
        ordinalsInYear = rule.frequency == .yearly && rule.byMonth.isEmpty
        let subDaily = [.hourly, .minutely, .secondly].contains(rule.frequency)
        let hours = rule.byHour.isEmpty ? [startTime.hour] : rule.byHour.sorted()
        let minutes = rule.byMinute.isEmpty ? [startTime.minute] : rule.byMinute.sorted()
        let seconds = rule.bySecond.isEmpty ? [startTime.second] : rule.bySecond.sorted()
        self.minutes = minutes
        self.seconds = seconds
        times = subDaily ? [] : hours.flatMap { h in minutes.flatMap { m in seconds.map { h * 3600 + m * 60 + $0 } } }
        hourMask = rule.byHour.isEmpty ? .max : rule.byHour.reduce(0) { $0 | UInt32(1) << UInt32($1) }
        minuteMask = rule.byMinute.isEmpty ? .max : rule.byMinute.reduce(0) { $0 | UInt64(1) << UInt64($1) }
        secondMask = rule.bySecond.isEmpty ? .max : rule.bySecond.reduce(0) { $0 | UInt64(1) << UInt64($1) }
        setPositions = rule.bySetPosition
    }

    /// How far `period` moves per interval.
    var step: Int { frequency == .weekly ? 7 * interval : interval }

    /// Seconds per period unit for sub-daily frequencies.
    var unitSeconds: Int64 {
        switch frequency {
        case .hourly: 3600
        case .minutely: 60
        default: 1
        }
    }

    /// The period number holding wall-clock second `local`.
    func period(containing local: Int64) -> Int {
        let day = Int(CivilCalendar.floorDiv(local, CivilCalendar.secondsPerDay))
        switch frequency {
        case .yearly: return CivilCalendar.civil(day).year
        case .monthly:
            let (y, m, _) = CivilCalendar.civil(day)
            return y * 12 + m - 1
        case .weekly: return CivilCalendar.startOfWeek(day, weekStart: weekStart)
        case .daily: return day
        case .hourly, .minutely, .secondly: return Int(CivilCalendar.floorDiv(local, unitSeconds))
        }
    }

    /// The first wall-clock second of period `period`.
    func firstSecond(ofPeriod period: Int) -> Int64 {
        switch frequency {
        case .yearly: return Int64(CivilCalendar.days(year: period, month: 1, day: 1)) * CivilCalendar.secondsPerDay
        case .monthly:
            let day = CivilCalendar.days(year: period / 12, month: period % 12 + 1, day: 1)
            return Int64(day) * CivilCalendar.secondsPerDay
        case .weekly, .daily: return Int64(period) * CivilCalendar.secondsPerDay
        case .hourly, .minutely, .secondly: return Int64(period) * unitSeconds
        }
    }

    @inline(__always) func monthAllowed(_ month: Int) -> Bool { monthMask == 0 || monthMask & (1 << month) != 0 }
    @inline(__always) func hourAllowed(_ hour: Int) -> Bool { hourMask & (1 << UInt32(hour)) != 0 }
    @inline(__always) func minuteAllowed(_ minute: Int) -> Bool { minuteMask & (1 << UInt64(minute)) != 0 }
    @inline(__always) func secondAllowed(_ second: Int) -> Bool { secondMask & (1 << UInt64(second)) != 0 }
}

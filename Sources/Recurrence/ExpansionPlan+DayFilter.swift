import CivilTime

/// What day filters need to know about a calendar year.
struct YearContext {
    let year: Int
    /// Day number of January 1.
    let firstDay: Int
    /// 365 or 366.
    let length: Int
    /// First days of week 1 of the previous, this, next and following year (when needed).
    let weekOneStarts: (previous: Int, this: Int, next: Int, following: Int)

    /// The context of `year`, with week-1 anchors only if `needsWeeks`.
    init(year: Int, weekStart: Int, needsWeeks: Bool) {
        self.year = year
        firstDay = CivilCalendar.days(year: year, month: 1, day: 1)
        length = CivilCalendar.daysInYear(year)
        if needsWeeks {
            weekOneStarts = (
                CivilCalendar.firstWeekStart(year: year - 1, weekStart: weekStart),
                CivilCalendar.firstWeekStart(year: year, weekStart: weekStart),
                CivilCalendar.firstWeekStart(year: year + 1, weekStart: weekStart),
                CivilCalendar.firstWeekStart(year: year + 2, weekStart: weekStart))
        } else {
            weekOneStarts = (0, 0, 0, 0)
        }
    }

    /// The week number of `day` in its own week-numbering year, and that year's number of weeks.
    func week(of day: Int) -> (number: Int, weeksInYear: Int) {
        let w = weekOneStarts
        if day < w.this { return ((day - w.previous) / 7 + 1, (w.this - w.previous) / 7) }
        if day >= w.next { return ((day - w.next) / 7 + 1, (w.following - w.next) / 7) }
        return ((day - w.this) / 7 + 1, (w.next - w.this) / 7)
    }
}

extension ExpansionPlan {
    /// Whether `day` passes every day-level BYxxx filter (BYMONTH, BYWEEKNO, BYYEARDAY, BYMONTHDAY, BYDAY).
    @inline(__always)
    func dayMatches(_ day: Int) -> Bool {
        let (year, month, dom) = CivilCalendar.civil(day)
        let context = YearContext(year: year, weekStart: weekStart, needsWeeks: !weekNumbers.isEmpty)
        return dayMatches(day, year: context, month: month, dayOfMonth: dom,
                          monthLength: CivilCalendar.daysInMonth(year: year, month: month))
    }

    /// `dayMatches(_:)` with the calendar facts of `day` already at hand.
    func dayMatches(_ day: Int, year: YearContext, month: Int, dayOfMonth dom: Int, monthLength: Int) -> Bool {
        if !monthAllowed(month) { return false }
        if !weekNumbers.isEmpty {
            let (number, weeks) = year.week(of: day)
            guard weekNumbers.contains(where: { $0 == number || $0 == number - weeks - 1 }) else { return false }
        }
        if !yearDays.isEmpty {
            let doy = day - year.firstDay + 1
            guard yearDays.contains(where: { $0 == doy || $0 == doy - year.length - 1 }) else { return false }
        }
        if positiveMonthDays | negativeMonthDays != 0 {
            let fromEnd = monthLength - dom + 1
            guard positiveMonthDays & (1 << UInt32(dom)) != 0 || negativeMonthDays & (1 << UInt32(fromEnd)) != 0
            else { return false }
        }
        if !weekdays.isEmpty {
            let weekday = CivilCalendar.weekday(day)
            let forward: Int, backward: Int
            if ordinalsInYear {
                let doy = day - year.firstDay + 1
                forward = (doy - 1) / 7 + 1
                backward = -((year.length - doy) / 7 + 1)
            } else {
                forward = (dom - 1) / 7 + 1
                backward = -((monthLength - dom) / 7 + 1)
            }
            guard weekdays.contains(where: {
                $0.weekday == weekday && ($0.ordinal == 0 || $0.ordinal == forward || $0.ordinal == backward)
            }) else { return false }
        }
        return true
    }
}

import CivilTime

/// Expands one RRULE from DTSTART into ascending wall-clock seconds, one period at a time.
///
/// DTSTART comes first (RFC 5545 §3.8.5.3: it is always the first instance and counts toward
/// COUNT), then the rule's own instances after it. All arithmetic is on proleptic Gregorian
/// day numbers; nothing here touches Foundation.
struct RuleExpander {
    /// The per-rule constants (filters and defaults resolved against DTSTART).
    let plan: ExpansionPlan
    /// The current period: a year, `year * 12 + month - 1`, a week's first day, a day, an hour,
    /// a minute or a second number, depending on the frequency.
    private var period: Int
    /// Instances of the last expanded period still to hand out.
    private var buffer: [Int64] = []
    private var index = 0
    /// Instances handed out so far (for COUNT).
    private var emitted = 0
    private var startPending = true
    private var finished = false

    /// An expander positioned at DTSTART's period.
    init(plan: ExpansionPlan) {
        self.plan = plan
        self.period = plan.period(containing: plan.start)
        buffer.reserveCapacity(8)
    }

    /// Jumps to the first aligned period that may hold an instance at or after wall-clock
    /// `target`, skipping earlier periods without expanding them. Only valid without COUNT.
    mutating func skip(toLocal target: Int64) {
        precondition(plan.count == nil, "skipping ahead would miscount COUNT")
        if plan.start < target { startPending = false }
        let targetPeriod = plan.period(containing: target)
        guard targetPeriod > period else { return }
        let step = plan.step
        period += (targetPeriod - period) / step * step
        buffer.removeAll(keepingCapacity: true)
        index = 0
    }

    /// The next instance in wall-clock seconds, or nil when the rule is exhausted.
    mutating func next() -> Int64? {
        if let count = plan.count, emitted >= count { return nil }
        if startPending {
            startPending = false
            emitted += 1
            return plan.start
        }
        while index >= buffer.count {
            if finished { return nil }
            expandPeriod()
        }
        let value = buffer[index]
        index += 1
        emitted += 1
        return value
    }

    /// Fills `buffer` with the current period's instances (after BYSETPOS, DTSTART and UNTIL)
    /// and moves to the next period.
    private mutating func expandPeriod() {
        buffer.removeAll(keepingCapacity: true)
        index = 0
        let plan = self.plan
        if plan.firstSecond(ofPeriod: period) > plan.localBound {
            finished = true
            return
        }
        switch plan.frequency {
        case .yearly:
            let year = period
            guard year <= 9999 else { finished = true; return }
            let context = YearContext(year: year, weekStart: plan.weekStart, needsWeeks: !plan.weekNumbers.isEmpty)
            for month in 1...12 where plan.monthAllowed(month) {
                appendMatchingDays(year: year, month: month, context: context)
            }
            period += plan.interval
        case .monthly:
            let year = period / 12, month = period % 12 + 1
            guard year <= 9999 else { finished = true; return }
            if plan.monthAllowed(month) {
                let context = YearContext(year: year, weekStart: plan.weekStart, needsWeeks: false)
                appendMatchingDays(year: year, month: month, context: context)
            }
            period += plan.interval
        case .weekly, .daily:
            let days = plan.frequency == .weekly ? 7 : 1
            guard period <= ExpansionPlan.lastDay else { finished = true; return }
            for day in period..<(period + days) where plan.dayMatches(day) {
                appendTimes(day: day)
            }
            period += plan.step
        case .hourly, .minutely, .secondly:
            expandSubDailyPeriod()
        }
        if !plan.setPositions.isEmpty { selectSetPositions() }
        trimToStartAndUntil()
    }

    /// Appends the times of every day of `month` that the rule's day filters keep.
    private mutating func appendMatchingDays(year: Int, month: Int, context: YearContext) {
        let first = CivilCalendar.days(year: year, month: month, day: 1)
        let length = CivilCalendar.daysInMonth(year: year, month: month)
        for dom in 1...length {
            let day = first + dom - 1
            if plan.dayMatches(day, year: context, month: month, dayOfMonth: dom, monthLength: length) {
                appendTimes(day: day)
            }
        }
    }

    /// Appends `day` combined with every expanded time of day.
    @inline(__always)
    private mutating func appendTimes(day: Int) {
        let base = Int64(day) * CivilCalendar.secondsPerDay
        for time in plan.times { buffer.append(base + Int64(time)) }
    }

    /// One HOURLY/MINUTELY/SECONDLY period, jumping over whole days or hours that BYxxx rule out.
    private mutating func expandSubDailyPeriod() {
        let unit = plan.unitSeconds  // 3600, 60 or 1
        let seconds = Int64(period) * unit
        let day = Int(CivilCalendar.floorDiv(seconds, CivilCalendar.secondsPerDay))
        guard day <= ExpansionPlan.lastDay else { finished = true; return }
        let secondOfDay = Int(seconds - Int64(day) * CivilCalendar.secondsPerDay)
        if !plan.dayMatches(day) {
            jump(toSecond: Int64(day + 1) * CivilCalendar.secondsPerDay)
            return
        }
        let hour = secondOfDay / 3600, minute = secondOfDay / 60 % 60, second = secondOfDay % 60
        if !plan.hourAllowed(hour) {
            jump(toSecond: Int64(day) * CivilCalendar.secondsPerDay + Int64(hour + 1) * 3600)
            return
        }
        switch plan.frequency {
        case .hourly:
            let base = Int64(day) * CivilCalendar.secondsPerDay + Int64(hour * 3600)
            for m in plan.minutes { for s in plan.seconds { buffer.append(base + Int64(m * 60 + s)) } }
        case .minutely:
            if plan.minuteAllowed(minute) {
                for s in plan.seconds { buffer.append(seconds + Int64(s)) }
            }
        default:
            if plan.minuteAllowed(minute) && plan.secondAllowed(second) { buffer.append(seconds) }
        }
        period += plan.interval
    }

    /// Advances `period` by whole intervals to the first period starting at or after `target`.
    private mutating func jump(toSecond target: Int64) {
        let unit = plan.unitSeconds
        let targetPeriod = Int(-CivilCalendar.floorDiv(-target, unit))  // ceiling division
        let distance = max(targetPeriod - period, 1)
        period += (distance + plan.interval - 1) / plan.interval * plan.interval
    }

    /// Keeps only the BYSETPOS-selected instances of the period (ascending, deduplicated).
    private mutating func selectSetPositions() {
        let n = buffer.count
        var selected: [Int64] = []
        for position in plan.setPositions {
            let i = position > 0 ? position - 1 : n + position
            if i >= 0 && i < n { selected.append(buffer[i]) }
        }
        selected.sort()
        buffer.removeAll(keepingCapacity: true)
        for value in selected where buffer.last != value { buffer.append(value) }
    }

    /// Drops instances not after DTSTART, and those past the UNTIL bound (ending the rule).
    private mutating func trimToStartAndUntil() {
        let start = plan.start, bound = plan.localBound
        if let first = buffer.first, first <= start { buffer.removeAll { $0 <= start } }
        if let last = buffer.last, last > bound {
            buffer.removeAll { $0 > bound }
            finished = true
        }
    }
}

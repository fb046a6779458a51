extension RecurrenceRule: CustomStringConvertible {
    /// The canonical RRULE text (without the `RRULE:` prefix), parts in a fixed order.
    public var description: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if let count { parts.append("COUNT=\(count)") }
        switch until {
        case .utc(let time): parts.append("UNTIL=\(time.iCalendarForm)Z")
        case .local(let time): parts.append("UNTIL=\(time.iCalendarForm)")
        case .date(let time): parts.append("UNTIL=\(pad(time.year, 4))\(pad(time.month))\(pad(time.day))")
        case nil: break
        }
        func list(_ name: String, _ values: [some CustomStringConvertible]) {
            if !values.isEmpty { parts.append("\(name)=" + values.map(\.description).joined(separator: ",")) }
        }
        list("BYMONTH", byMonth)
        list("BYWEEKNO", byWeekNumber)
        list("BYYEARDAY", byYearDay)
        list("BYMONTHDAY", byMonthDay)
        list("BYDAY", byDay)
        list("BYHOUR", byHour)
        list("BYMINUTE", byMinute)
        list("BYSECOND", bySecond)
        list("BYSETPOS", bySetPosition)
        if let weekStart { parts.append("WKST=\(weekStart.iCalendarCode)") }
        return parts.joined(separator: ";")
    }
}

extension RecurrenceRule {
    /// Parses RRULE text such as `FREQ=MONTHLY;BYDAY=1TU` (an `RRULE:` prefix is allowed).
    ///
    /// Rejects unknown or repeated parts, out-of-range values, `COUNT` with `UNTIL`, `BYSETPOS`
    /// alone, and parts the RFC forbids for the frequency; the error names the offending part.
    public init(parsing text: String) throws(RecurrenceError) {
        var body = Substring(text.trimmingSpaces)
        if body.uppercased().hasPrefix("RRULE:") { body = body.dropFirst(6) }
        guard !body.isEmpty else { throw RecurrenceError.rule(text, "it is empty (expected FREQ=...)") }
        var raw: [String: String] = [:]  // part name -> "NAME=VALUE" as written
        var rule = RecurrenceRule(frequency: .daily)
        var sawFrequency = false
        for piece in body.split(separator: ";") {  // a stray empty part (trailing ';') is ignored
            let part = String(piece)
            guard let eq = part.firstIndex(of: "=") else {
                throw RecurrenceError.part(part, "expected NAME=VALUE")
            }
            let name = part[..<eq].uppercased()
            let value = String(part[part.index(after: eq)...])
            guard raw[name] == nil else { throw RecurrenceError.part(part, "\(name) is given twice") }
            guard !value.isEmpty else { throw RecurrenceError.part(part, "the value is empty") }
            raw[name] = part
            try rule.apply(name: name, value: value, part: part)
            if name == "FREQ" { sawFrequency = true }
        }
        guard sawFrequency else { throw RecurrenceError.rule(text, "FREQ is missing") }
        try rule.validateCombination(raw)
        self = rule
    }

    /// Stores one part's value, checking its syntax and range.
    private mutating func apply(name: String, value: String, part: String) throws(RecurrenceError) {
        let upper = value.uppercased()
        switch name {
        case "FREQ":
            guard let f = Frequency(rawValue: upper) else {
                throw RecurrenceError.part(part, "\"\(value)\" is not a frequency "
                    + "(expected SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY)")
            }
            frequency = f
        case "INTERVAL": interval = try Self.integer(value, part, 1...Int(Int32.max))
        case "COUNT": count = try Self.integer(value, part, 1...Int(Int32.max))
        case "UNTIL": until = try Self.until(upper, part)
        case "BYMONTH": byMonth = try Self.integers(value, part, 1...12, signed: false)
        case "BYWEEKNO": byWeekNumber = try Self.integers(value, part, 1...53, signed: true)
        case "BYYEARDAY": byYearDay = try Self.integers(value, part, 1...366, signed: true)
        case "BYMONTHDAY": byMonthDay = try Self.integers(value, part, 1...31, signed: true)
        case "BYHOUR": byHour = try Self.integers(value, part, 0...23, signed: false)
        case "BYMINUTE": byMinute = try Self.integers(value, part, 0...59, signed: false)
        case "BYSECOND": bySecond = try Self.integers(value, part, 0...59, signed: false)
        case "BYSETPOS": bySetPosition = try Self.integers(value, part, 1...366, signed: true)
        case "BYDAY":
            byDay = try upper.split(separator: ",", omittingEmptySubsequences: false).map {
                (item) throws(RecurrenceError) in try Self.weekdayNumber(String(item), part)
            }
        case "WKST":
            guard let day = Weekday(iCalendarCode: upper) else {
                throw RecurrenceError.part(part, "\"\(value)\" is not a weekday (expected MO..SU)")
            }
            weekStart = day
        default:
            throw RecurrenceError.part(part, "unknown part name \"\(name)\"")
        }
    }

    /// Checks the rules between parts (RFC 5545 §3.3.10).
    private func validateCombination(_ raw: [String: String]) throws(RecurrenceError) {
        if count != nil, let untilPart = raw["UNTIL"] {
            throw RecurrenceError.part(untilPart, "UNTIL cannot be combined with \(raw["COUNT"]!)")
        }
        if let part = raw["BYSETPOS"], !hasByPartOtherThanSetPosition {
            throw RecurrenceError.part(part, "BYSETPOS needs another BYxxx part to select from")
        }
        if let part = raw["BYWEEKNO"], frequency != .yearly {
            throw RecurrenceError.part(part, "BYWEEKNO is only allowed with FREQ=YEARLY")
        }
        if let part = raw["BYYEARDAY"], [.daily, .weekly, .monthly].contains(frequency) {
            throw RecurrenceError.part(part, "BYYEARDAY is not allowed with FREQ=\(frequency.rawValue)")
        }
        if let part = raw["BYMONTHDAY"], frequency == .weekly {
            throw RecurrenceError.part(part, "BYMONTHDAY is not allowed with FREQ=WEEKLY")
        }
        if let part = raw["BYDAY"], byDay.contains(where: { $0.ordinal != 0 }) {
            if frequency != .monthly && frequency != .yearly {
                throw RecurrenceError.part(
                    part, "an ordinal weekday is only allowed with FREQ=MONTHLY or FREQ=YEARLY")
            }
            let inMonth = frequency == .monthly || !byMonth.isEmpty
            if inMonth, let entry = byDay.first(where: { abs($0.ordinal) > 5 }) {
                throw RecurrenceError.part(
                    part, "\"\(entry)\" has an ordinal out of range for weekdays of a month (expected ±1...5)")
            }
            if frequency == .yearly && !byWeekNumber.isEmpty {
                throw RecurrenceError.part(part, "an ordinal weekday cannot be combined with BYWEEKNO")
            }
        }
    }

    /// One integer in `range`.
    private static func integer(_ text: String, _ part: String, _ range: ClosedRange<Int>) throws(RecurrenceError) -> Int {
        guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(text) else {
            throw RecurrenceError.part(part, "\"\(text)\" is not a positive integer")
        }
        guard range.contains(n) else {
            throw RecurrenceError.part(part, "\(n) is out of range (expected \(range.lowerBound)...\(range.upperBound))")
        }
        return n
    }

    /// A comma-separated list of integers whose magnitude is in `range` (sign allowed if `signed`).
    private static func integers(
        _ text: String, _ part: String, _ range: ClosedRange<Int>, signed: Bool
    ) throws(RecurrenceError) -> [Int] {
        var values: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            var digits = Substring(item)
            var sign = 1
            if signed, let first = digits.first, first == "+" || first == "-" {
                sign = first == "-" ? -1 : 1
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(digits) else {
                throw RecurrenceError.part(part, "\"\(item)\" is not \(signed ? "an" : "a non-negative") integer")
            }
            guard range.contains(n) else {
                let expected = signed ? "±\(range.lowerBound)...\(range.upperBound)" : "\(range.lowerBound)...\(range.upperBound)"
                throw RecurrenceError.part(part, "\(item) is out of range (expected \(expected))")
            }
            if !values.contains(sign * n) { values.append(sign * n) }
        }
        return values
    }

    /// A `BYDAY` item: `[+-]N?MO..SU`.
    private static func weekdayNumber(_ item: String, _ part: String) throws(RecurrenceError) -> WeekdayNumber {
        let bad = RecurrenceError.part(part, "\"\(item)\" is not a weekday (expected [+-]N?MO..SU)")
        guard item.count >= 2, let day = Weekday(iCalendarCode: String(item.suffix(2))) else { throw bad }
        var prefix = item.dropLast(2)
        if prefix.isEmpty { return WeekdayNumber(day) }
        var sign = 1
        if let first = prefix.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            prefix = prefix.dropFirst()
        }
        guard !prefix.isEmpty, prefix.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(prefix) else { throw bad }
        guard (1...53).contains(n) else {
            throw RecurrenceError.part(part, "\"\(item)\" has an ordinal out of range (expected ±1...53)")
        }
        return WeekdayNumber(day, ordinal: sign * n)
    }

    /// `UNTIL` in UTC (`...Z`), floating (`YYYYMMDDTHHMMSS`) or date (`YYYYMMDD`) form.
    private static func until(_ text: String, _ part: String) throws(RecurrenceError) -> Until {
        let isUTC = text.hasSuffix("Z")
        let body = isUTC ? String(text.dropLast()) : text
        guard body.count == 8 || body.count == 15, !(isUTC && body.count == 8),
              let time = try? LocalDateTime(parsing: body)
        else {
            throw RecurrenceError.part(part, "\"\(text)\" is not a date-time "
                + "(expected YYYYMMDDTHHMMSSZ, YYYYMMDDTHHMMSS or YYYYMMDD)")
        }
        if isUTC { return .utc(time) }
        return body.count == 8 ? .date(time) : .local(time)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}

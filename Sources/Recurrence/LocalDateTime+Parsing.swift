extension LocalDateTime: Codable {
    /// Parses `YYYY-MM-DDTHH:MM[:SS]` or the iCalendar form `YYYYMMDDTHHMMSS` (also `YYYYMMDD`).
    public init(parsing text: String) throws(RecurrenceError) {
        guard let fields = LocalDateTime.fields(of: text) else {
            throw RecurrenceError(
                "invalid local date-time \"\(text)\": expected YYYY-MM-DDTHH:MM[:SS] or YYYYMMDDTHHMMSS")
        }
        do {
            try self.init(year: fields.0, month: fields.1, day: fields.2,
                          hour: fields.3, minute: fields.4, second: fields.5)
        } catch {
            throw RecurrenceError("invalid local date-time \"\(text)\": no such date or time")
        }
    }

    /// Decodes from the `YYYY-MM-DDTHH:MM:SS` string form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as the `YYYY-MM-DDTHH:MM:SS` string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Splits either accepted form into numeric fields, or nil when the shape is wrong.
    private static func fields(of text: String) -> (Int, Int, Int, Int, Int, Int)? {
        let chars = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count else { return nil }
            var value = 0
            for c in chars[range] {
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        func char(_ i: Int, _ expected: Character) -> Bool {
            i < chars.count && chars[i] == expected.asciiValue!
        }
        if char(4, "-") {
            // YYYY-MM-DDTHH:MM[:SS]
            guard chars.count == 16 || chars.count == 19, char(7, "-"), char(10, "T") || char(10, " "),
                  char(13, ":"), let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
                  let h = number(11..<13), let mi = number(14..<16)
            else { return nil }
            if chars.count == 16 { return (y, m, d, h, mi, 0) }
            guard char(16, ":"), let s = number(17..<19) else { return nil }
            return (y, m, d, h, mi, s)
        }
        guard let y = number(0..<4), let m = number(4..<6), let d = number(6..<8) else { return nil }
        if chars.count == 8 { return (y, m, d, 0, 0, 0) }
        guard chars.count == 15, char(8, "T"), let h = number(9..<11), let mi = number(11..<13),
              let s = number(13..<15)
        else { return nil }
        return (y, m, d, h, mi, s)
    }
}

import Foundation

/// RFC 5322 §3.3 date-time (`Thu, 26 Nov 2026 22:41:35 +0000`), always in UTC, written byte by byte.
public enum RFC5322Date {
    static let weekdays: [UInt8] = Array("ThuFriSatSunMonTueWed".utf8)  // 1970-01-01 was a Thursday
    static let months: [UInt8] = Array("JanFebMarAprMayJunJulAugSepOctNovDec".utf8)

    /// The date as an RFC 5322 string.
    public static func string(from date: Date) -> String {
        var bytes: [UInt8] = []
        append(date, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the date (whole seconds, rounded down) to `output`.
    public static func append(_ date: Date, to output: inout [UInt8]) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civil(fromDays: days)
        let weekday = Int(((days % 7) + 7) % 7)
        output.append(contentsOf: weekdays[(weekday * 3)..<(weekday * 3 + 3)])
        output.append(UInt8(ascii: ","))
        output.append(UInt8(ascii: " "))
        appendDigits(day, 2, to: &output)
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: months[((month - 1) * 3)..<((month - 1) * 3 + 3)])
        output.append(UInt8(ascii: " "))
        appendDigits(year, 4, to: &output)
        output.append(UInt8(ascii: " "))
        appendDigits(secondOfDay / 3600, 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, 2, to: &output)
        output.append(contentsOf: " +0000".utf8)
    }

    /// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01 (H. Hinnant's algorithm).
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// Appends `value` in decimal, zero-padded to `width` digits.
    static func appendDigits(_ value: Int, _ width: Int, to output: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        if rest >= divisor * 10 {  // wider than `width`: write every digit
            output.append(contentsOf: String(value).utf8)
            return
        }
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}

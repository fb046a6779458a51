import CivilTime
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
        let (year, month, day, secondOfDay) = CivilCalendar.civil(seconds: seconds)
        let days = CivilCalendar.floorDiv(seconds, CivilCalendar.secondsPerDay)
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

import Foundation
import Recurrence

/// Fixed, locale-independent renderings of wall-clock times for the CLI.
public enum WallClockText {
    private static let weekdays: [Weekday: String] = [
        .monday: "Mon", .tuesday: "Tue", .wednesday: "Wed", .thursday: "Thu",
        .friday: "Fri", .saturday: "Sat", .sunday: "Sun",
    ]

    /// `Tue 2026-03-03 08:30 +01:00`: the wall-clock time of `instant` in `zone`, its weekday and
    /// the zone's UTC offset then (seconds shown only when not zero).
    public static func describe(_ instant: Date, in zone: TimeZone) -> String {
        let local = LocalDateTime(instant, in: zone)
        let offset = zone.secondsFromGMT(for: instant)
        return "\(weekdays[local.weekday]!) \(date(local)) \(time(local)) \(utcOffset(offset))"
    }

    /// `2026-03-03`.
    static func date(_ local: LocalDateTime) -> String {
        String(local.description.prefix(10))
    }

    /// `08:30`, or `08:30:15` when the seconds are not zero.
    static func time(_ local: LocalDateTime) -> String {
        let full = local.description.dropFirst(11)
        return String(local.second == 0 ? full.prefix(5) : full)
    }

    /// `+01:00`, `-05:00`, `+05:45`.
    public static func utcOffset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + two(minutes / 60) + ":" + two(minutes % 60)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

import RelaisSupport
import Foundation

/// A duration written as in the configuration: `90s`, `5m`, `4h`, `5d`, `2w`.
public struct ConfigDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whole seconds.
    public let seconds: Int

    /// A duration of `seconds` whole seconds.
    public init(seconds: Int) {
        self.seconds = seconds
    }

    /// Parses `<number><unit>` with unit s, m, h, d or w; nil when it is not of that form.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let unit = trimmed.last, let number = Int(trimmed.dropLast()), number >= 0 else { return nil }
        let multiplier: Int
        switch unit {
        case "s": multiplier = 1
        case "m": multiplier = 60
        case "h": multiplier = 3600
        case "d": multiplier = 86_400
        case "w": multiplier = 604_800
        default: return nil
        }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        seconds = product
    }

    /// `10m` for `10 minutes`, `2h` for `2 hours`: how a duration written in words is written here; nil when not recognised.
    public static func suggestion(for text: String) -> String? {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count == 2, let number = Int(words[0]), number >= 0 else { return nil }
        let units: [(String, [String])] = [
            ("s", ["s", "sec", "secs", "second", "seconds"]), ("m", ["m", "min", "mins", "minute", "minutes"]),
            ("h", ["h", "hr", "hrs", "hour", "hours"]), ("d", ["d", "day", "days"]), ("w", ["w", "week", "weeks"]),
        ]
        guard let unit = units.first(where: { $0.1.contains(String(words[1])) })?.0 else { return nil }
        return "\(number)\(unit)"
    }

    /// As a Swift `Duration`.
    public var duration: Duration { .seconds(seconds) }

    /// As a Foundation time interval.
    public var timeInterval: Double { Double(seconds) }

    /// The largest exact unit: `90s`, `5m`, `4h`, `5d`.
    public var description: String {
        for (unit, size) in [("w", 604_800), ("d", 86_400), ("h", 3600), ("m", 60)] where seconds != 0 && seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }

    public static func < (lhs: ConfigDuration, rhs: ConfigDuration) -> Bool { lhs.seconds < rhs.seconds }
}

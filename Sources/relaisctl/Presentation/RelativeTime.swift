import Foundation

/// Short relative times for tables: `in 5m`, `2h ago`, `now`.
public enum RelativeTime {
    /// `date` relative to `now`: `in 5m`, `2h ago`, `now` within five seconds.
    public static func describe(_ date: Date, now: Date) -> String {
        let seconds = Int(date.timeIntervalSince(now).rounded())
        let magnitude = abs(seconds)
        if magnitude < 5 { return "now" }
        let text: String
        switch magnitude {
        case ..<60: text = "\(magnitude)s"
        case ..<3600: text = "\(magnitude / 60)m"
        case ..<86_400: text = "\(magnitude / 3600)h\(magnitude % 3600 / 60 > 0 ? "\(magnitude % 3600 / 60)m" : "")"
        default: text = "\(magnitude / 86_400)d\(magnitude % 86_400 / 3600 > 0 ? "\(magnitude % 86_400 / 3600)h" : "")"
        }
        return seconds > 0 ? "in \(text)" : "\(text) ago"
    }
}

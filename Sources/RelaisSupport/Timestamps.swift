import Foundation

/// Fixed, locale-independent renderings of instants for CLI and JSON output.
public enum Timestamps {
    /// `2026-03-03T07:30:00Z`.
    public static func utc(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}

import Foundation

/// One instance of a recurring event: its nominal wall-clock start and the instant it begins.
public struct Occurrence: Sendable, Hashable, CustomStringConvertible {
    /// The wall-clock start the rule produced (nominal: in a spring gap it is the nonexistent time).
    public let local: LocalDateTime
    /// The instant it starts (RFC 5545 §3.3.5 applied to `local`).
    public let start: Date

    /// An occurrence.
    public init(local: LocalDateTime, start: Date) {
        self.local = local
        self.start = start
    }

    /// `local` and the UTC instant, e.g. `2026-03-29T02:30:00 (2026-03-29T01:30:00Z)`.
    public var description: String {
        let utc = LocalDateTime(localSeconds: Int64(start.timeIntervalSince1970.rounded(.down)))
        return "\(local) (\(utc)Z)"
    }
}

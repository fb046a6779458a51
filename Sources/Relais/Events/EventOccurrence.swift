import Foundation
import Recurrence

/// One occurrence of an event, after its exceptions: when it happens and which one it is.
public struct EventOccurrence: Sendable, Hashable {
    /// Its identity: the wall-clock start the series gave it (kept when it is moved).
    public let original: LocalDateTime
    /// The wall-clock start it actually has: `original`, or where it was moved.
    public let local: LocalDateTime
    /// The instant it starts.
    public let start: Date
    /// The instant it ends (start + the event's duration).
    public let end: Date

    /// An occurrence.
    public init(original: LocalDateTime, local: LocalDateTime, start: Date, end: Date) {
        self.original = original
        self.local = local
        self.start = start
        self.end = end
    }

    /// True when an exception moved it away from its original start.
    public var isMoved: Bool { original != local }
}

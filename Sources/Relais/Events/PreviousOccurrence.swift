import Foundation
import Recurrence

/// Where and when an occurrence was before a change: stored with a `meetup-changed` notice so
/// its message can say "moved from … to …" (the new state is read when the message is composed).
public struct PreviousOccurrence: Codable, Sendable, Hashable {
    /// The wall-clock start it had, `YYYY-MM-DDTHH:MM:SS`.
    public var local: String
    /// The zone it was in.
    public var timeZone: String
    /// How long it lasted, in seconds.
    public var durationSeconds: Int
    /// Where it was.
    public var location: String?

    /// The occurrence `occurrence` of `schedule`, as it is now (before the change is written).
    public init(_ occurrence: EventOccurrence, of schedule: EventSchedule) {
        local = occurrence.local.description
        timeZone = schedule.zone.identifier
        durationSeconds = schedule.duration
        location = schedule.event.location
    }

    /// The JSON stored in `announcement.previous`.
    public func encoded() -> Data? { try? JSONEncoder().encode(self) }

    /// Reads what ``encoded()`` wrote; nil when absent or unreadable.
    public static func decode(_ data: Data?) -> PreviousOccurrence? {
        data.flatMap { try? JSONDecoder().decode(PreviousOccurrence.self, from: $0) }
    }

    /// The calendar data of the occurrence before the change: `event`'s texts with the old time and place.
    public func calendarInfo(current event: CalendarInfo) -> CalendarInfo? {
        guard let zone = try? TimeZoneLookup.zone(named: timeZone), let start = try? LocalDateTime(parsing: local) else { return nil }
        var info = event
        info.start = start.instant(in: zone)
        info.end = info.start.addingTimeInterval(TimeInterval(durationSeconds))
        info.timeZone = zone
        info.location = location
        info.cancelled = false
        return info
    }
}

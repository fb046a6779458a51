import Foundation

/// One event to publish or cancel: the data of a VEVENT.
public struct CalendarEvent: Sendable, Hashable {
    /// Whether the event takes place.
    public enum Status: String, Sendable, Hashable {
        /// The event takes place (`STATUS:CONFIRMED`).
        case confirmed = "CONFIRMED"
        /// The event was cancelled (`STATUS:CANCELLED`).
        case cancelled = "CANCELLED"
    }

    /// Globally unique and stable across updates, e.g. `occurrence-42@relais.example.org`.
    public var uid: String
    /// Revision number; increase it on every change or cancellation.
    public var sequence: Int
    /// When this iCalendar object was created (written in UTC).
    public var dtstamp: Date
    /// Start instant.
    public var start: Date
    /// End instant (not before `start`).
    public var end: Date
    /// The zone in which start and end are written (with a generated VTIMEZONE).
    public var timeZone: TimeZone
    /// Title.
    public var summary: String
    /// Longer text.
    public var description: String?
    /// Where it takes place.
    public var location: String?
    /// A page about the event.
    public var url: String?
    /// Who organizes it.
    public var organizer: CalendarOrganizer
    /// Confirmed or cancelled.
    public var status: Status

    /// An event; see the properties for each field.
    public init(
        uid: String, sequence: Int = 0, dtstamp: Date, start: Date, end: Date, timeZone: TimeZone,
        summary: String, description: String? = nil, location: String? = nil, url: String? = nil,
        organizer: CalendarOrganizer, status: Status = .confirmed
    ) {
        self.uid = uid
        self.sequence = sequence
        self.dtstamp = dtstamp
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.organizer = organizer
        self.status = status
    }
}

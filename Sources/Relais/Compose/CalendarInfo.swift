import Foundation

/// The event occurrence a meetup message is about, with its texts in every language:
/// what the composer needs to fill the template's `event` and to write the calendar file.
public struct CalendarInfo: Sendable, Hashable {
    /// The iCalendar UID, stable across updates (one per occurrence).
    public var uid: String
    /// The iCalendar SEQUENCE: bumped on every change.
    public var sequence: Int
    /// When the event data last changed: the calendar's DTSTAMP (so the same data gives the same bytes).
    public var stamp: Date
    /// Locale → title; the composer picks the one matching the message's language.
    public var titles: [String: String]
    /// Locale → description.
    public var descriptions: [String: String]
    /// Where it takes place.
    public var location: String?
    /// A page about it.
    public var url: String?
    /// Start instant.
    public var start: Date
    /// End instant.
    public var end: Date
    /// The event's zone: dates are shown in it and DTSTART/DTEND carry its TZID.
    public var timeZone: TimeZone
    /// True when the occurrence (or the series) is cancelled: the calendar says METHOD:CANCEL.
    public var cancelled: Bool

    /// An occurrence; see the properties for each field.
    public init(
        uid: String, sequence: Int = 0, stamp: Date, titles: [String: String], descriptions: [String: String] = [:],
        location: String? = nil, url: String? = nil, start: Date, end: Date, timeZone: TimeZone, cancelled: Bool = false
    ) {
        self.uid = uid
        self.sequence = sequence
        self.stamp = stamp
        self.titles = titles
        self.descriptions = descriptions
        self.location = location
        self.url = url
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.cancelled = cancelled
    }
}

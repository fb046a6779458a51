import Foundation

/// A meetup or a recurring series: one row of `event`.
///
/// The start is kept as local wall-clock time (`2026-03-03T08:30:00`) with its IANA zone, so
/// a series keeps its local hour across daylight-saving changes.
public struct Event: Codable, Sendable, Hashable {

    /// Stable iCalendar UID.
    public var uid: String
    /// Locale → title.
    public var titles: [String: String]
    /// Locale → description.
    public var descriptions: [String: String]
    /// `YYYY-MM-DDTHH:MM:SS`, local to `timeZone`.
    public var startLocal: String
    /// The IANA time zone of the start: `Europe/Brussels`.
    public var timeZone: String
    /// RRULE text, nil for a single occurrence.
    public var rule: String?
    /// How long each occurrence lasts.
    public var durationSeconds: Int
    /// Lists whose members are reminded.
    public var lists: [String]
    /// Reminder offsets as written: `7d`, `1d`, `2h`.
    public var reminders: [String]
    /// The reminder template kind: `meetup-reminder`.
    public var template: String
    /// Where it takes place, as people write it.
    public var location: String?
    /// A page about it.
    public var url: String?
    /// Bumped on every change, for calendar updates (iCalendar SEQUENCE).
    public var sequence: Int
    /// The whole series is cancelled.
    public var cancelled: Bool
    /// When it was created.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date

    /// A new event at sequence 0, not cancelled.
    public init(
        uid: String, titles: [String: String], descriptions: [String: String], startLocal: String, timeZone: String,
        rule: String?, durationSeconds: Int, lists: [String], reminders: [String], template: String,
        location: String?, url: String?, now: Date
    ) {
        self.uid = uid
        self.titles = titles
        self.descriptions = descriptions
        self.startLocal = startLocal
        self.timeZone = timeZone
        self.rule = rule
        self.durationSeconds = durationSeconds
        self.lists = lists
        self.reminders = reminders
        self.template = template
        self.location = location
        self.url = url
        self.sequence = 0
        self.cancelled = false
        self.createdAt = now
        self.updatedAt = now
    }
}

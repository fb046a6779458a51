/// What a coordinator typed for `event add` or `event update`, before validation.
///
/// For `add`, `start`, `timeZone`, at least one title and one list are required. For `update`,
/// every field is optional: nil leaves the stored value; titles and descriptions are merged per
/// locale (an empty description text removes that locale); `lists` and `reminders` replace the
/// stored ones; an empty `rule`, `location` or `url` clears it.
public struct EventChanges: Sendable, Hashable {
    /// `LOCALE=TEXT` entries.
    public var titles: [String] = []
    /// `LOCALE=TEXT` entries.
    public var descriptions: [String] = []
    /// `YYYY-MM-DDTHH:MM[:SS]`, wall-clock in `timeZone`.
    public var start: String?
    /// An IANA zone name.
    public var timeZone: String?
    /// RRULE text; empty for a single occurrence.
    public var rule: String?
    /// `90m`, `2h`, `1h30m`.
    public var duration: String?
    /// List names.
    public var lists: [String]?
    /// Offsets: `7d`, `1d`, `2h`.
    public var reminders: [String]?
    /// A template kind (`meetup-reminder`).
    public var template: String?
    /// Where it takes place.
    public var location: String?
    /// An http(s) URL.
    public var url: String?

    /// No changes.
    public init() {}

    /// True when nothing is set.
    public var isEmpty: Bool { self == EventChanges() }
}

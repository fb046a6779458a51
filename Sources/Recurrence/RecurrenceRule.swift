/// A parsed RFC 5545 RRULE (`FREQ=MONTHLY;BYDAY=1TU`), validated against the RFC's rules.
public struct RecurrenceRule: Sendable, Hashable {
    /// How often the rule's periods repeat.
    public enum Frequency: String, Sendable, Hashable, CaseIterable {
        /// Sub-daily frequencies: a period is one second, minute or hour.
        case secondly = "SECONDLY", minutely = "MINUTELY", hourly = "HOURLY"
        /// Calendar frequencies: a period is one day, week (from WKST), month or year.
        case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY"
    }

    /// The inclusive end of a rule (`UNTIL=`).
    public enum Until: Sendable, Hashable {
        /// `UNTIL=YYYYMMDDTHHMMSSZ`: an instant, given as its UTC wall-clock time.
        case utc(LocalDateTime)
        /// `UNTIL=YYYYMMDDTHHMMSS`: a wall-clock time in the event's zone.
        case local(LocalDateTime)
        /// `UNTIL=YYYYMMDD`: the whole day, in the event's zone (the time part is midnight).
        case date(LocalDateTime)
    }

    /// A `BYDAY` entry: a weekday with an optional ordinal (`1TU`, `-1FR`; 0 means every).
    public struct WeekdayNumber: Sendable, Hashable, CustomStringConvertible {
        /// The ordinal within the month or year, negative from the end; 0 for every such weekday.
        public let ordinal: Int
        /// The weekday.
        public let weekday: Weekday

        /// A `BYDAY` entry.
        public init(_ weekday: Weekday, ordinal: Int = 0) {
            self.weekday = weekday
            self.ordinal = ordinal
        }

        /// The iCalendar form, e.g. `-1FR`.
        public var description: String {
            ordinal == 0 ? weekday.iCalendarCode : "\(ordinal)\(weekday.iCalendarCode)"
        }
    }

    /// `FREQ`.
    public internal(set) var frequency: Frequency
    /// `INTERVAL` (1 when absent).
    public internal(set) var interval: Int = 1
    /// `COUNT`, counting DTSTART as the first occurrence.
    public internal(set) var count: Int?
    /// `UNTIL`, inclusive.
    public internal(set) var until: Until?
    /// `BYMONTH` (1...12).
    public internal(set) var byMonth: [Int] = []
    /// `BYWEEKNO` (±1...53).
    public internal(set) var byWeekNumber: [Int] = []
    /// `BYYEARDAY` (±1...366).
    public internal(set) var byYearDay: [Int] = []
    /// `BYMONTHDAY` (±1...31).
    public internal(set) var byMonthDay: [Int] = []
    /// `BYDAY`.
    public internal(set) var byDay: [WeekdayNumber] = []
    /// `BYHOUR` (0...23).
    public internal(set) var byHour: [Int] = []
    /// `BYMINUTE` (0...59).
    public internal(set) var byMinute: [Int] = []
    /// `BYSECOND` (0...59).
    public internal(set) var bySecond: [Int] = []
    /// `BYSETPOS` (±1...366).
    public internal(set) var bySetPosition: [Int] = []
    /// `WKST` as written; weeks start on Monday when absent.
    public internal(set) var weekStart: Weekday?

    /// An empty rule of the given frequency (used by the parser).
    init(frequency: Frequency) {
        self.frequency = frequency
    }

    /// Whether any `BYxxx` part other than `BYSETPOS` is present.
    var hasByPartOtherThanSetPosition: Bool {
        !(byMonth.isEmpty && byWeekNumber.isEmpty && byYearDay.isEmpty && byMonthDay.isEmpty
            && byDay.isEmpty && byHour.isEmpty && byMinute.isEmpty && bySecond.isEmpty)
    }
}

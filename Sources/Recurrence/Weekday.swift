/// A day of the week, numbered as in ISO 8601 (Monday = 1 ... Sunday = 7).
public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The seven days, Monday first.
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The two-letter iCalendar code: `MO`, `TU`, ... `SU`.
    public var iCalendarCode: String {
        switch self {
        case .monday: "MO"
        case .tuesday: "TU"
        case .wednesday: "WE"
        case .thursday: "TH"
        case .friday: "FR"
        case .saturday: "SA"
        case .sunday: "SU"
        }
    }

    /// The weekday for an iCalendar code such as `TU`, or nil.
    public init?(iCalendarCode code: String) {
        guard let day = Weekday.allCases.first(where: { $0.iCalendarCode == code }) else { return nil }
        self = day
    }

    /// The iCalendar code.
    public var description: String { iCalendarCode }
}

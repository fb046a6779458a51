import Foundation
import MIME
import Recurrence

/// How long before an occurrence a reminder goes out: `7d`, `1w`, `2h`, `30m`.
///
/// `d` and `w` are nominal: the same wall-clock time N days (7·N for weeks) earlier in the
/// event's zone, like iCalendar's `-P1D`, so a `1d` reminder before a 19:00 meetup fires at
/// 19:00 the day before even across a daylight-saving change. `h` and `m` are exact durations
/// subtracted from the occurrence's instant.
public struct ReminderOffset: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The unit of an offset, as written after the number.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        /// `m`: exact minutes.
        case minutes = "m"
        /// `h`: exact hours.
        case hours = "h"
        /// `d`: nominal days (same wall-clock time).
        case days = "d"
        /// `w`: nominal weeks (same wall-clock time, 7 days each).
        case weeks = "w"
    }

    /// The number of units (at least 1).
    public let amount: Int
    /// The unit.
    public let unit: Unit

    /// The longest offset accepted: 366 days, in each unit.
    static let maximum: [Unit: Int] = [.minutes: 366 * 24 * 60, .hours: 366 * 24, .days: 366, .weeks: 52]

    /// An offset; throws when `amount` is out of range (1 up to a year).
    public init(_ amount: Int, _ unit: Unit) throws(InputError) {
        guard amount >= 1, amount <= Self.maximum[unit]! else {
            throw InputError("invalid reminder offset \"\(amount)\(unit.rawValue)\": expected 1 to \(Self.maximum[unit]!)\(unit.rawValue) (at most a year before)")
        }
        self.amount = amount
        self.unit = unit
    }

    /// Parses `7d`, `1w`, `2h`, `30m` (a positive whole number and one lower-case unit).
    public init(parsing text: String) throws(InputError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last, let unit = Unit(rawValue: String(last)) else {
            throw InputError("invalid reminder offset \"\(text.visibleControlCharacters)\": expected a number and a unit m, h, d or w (30m, 2h, 1d, 1w)")
        }
        let digits = trimmed.dropLast()
        guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let amount = Int(digits) else {
            throw InputError("invalid reminder offset \"\(text.visibleControlCharacters)\": expected a number and a unit m, h, d or w (30m, 2h, 1d, 1w)")
        }
        try self.init(amount, unit)
    }

    /// True for `d` and `w` (same wall-clock time), false for the exact `h` and `m`.
    public var isNominal: Bool { unit == .days || unit == .weeks }

    /// The offset in seconds if every day lasted 24 hours.
    public var nominalSeconds: Int {
        switch unit {
        case .minutes: amount * 60
        case .hours: amount * 3600
        case .days: amount * 86_400
        case .weeks: amount * 7 * 86_400
        }
    }

    /// An upper bound of `start - dueDate(...)` in seconds, whatever the zone's changes.
    var maximumSeconds: Int { isNominal ? nominalSeconds + 86_400 : nominalSeconds }

    /// When the reminder is due for an occurrence whose wall-clock start is `local` (in `zone`)
    /// and whose instant is `start`.
    public func dueDate(local: LocalDateTime, start: Date, zone: TimeZone) -> Date {
        switch unit {
        case .minutes, .hours:
            start.addingTimeInterval(-Double(nominalSeconds))
        case .days:
            local.addingDays(-amount).instant(in: zone)
        case .weeks:
            local.addingDays(-7 * amount).instant(in: zone)
        }
    }

    /// `7d`: parses back to the same offset.
    public var description: String { "\(amount)\(unit.rawValue)" }

    /// Shorter offsets first (by nominal length; `1d` before `24h` when equal).
    public static func < (lhs: ReminderOffset, rhs: ReminderOffset) -> Bool {
        if lhs.nominalSeconds != rhs.nominalSeconds { return lhs.nominalSeconds < rhs.nominalSeconds }
        return lhs.unit.rawValue < rhs.unit.rawValue
    }
}

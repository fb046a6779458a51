import Foundation

/// The calendar part of a message as people read it: its main properties unfolded and unescaped,
/// and its start and end as wall-clock times in the event's zone instead of `20260303T083000`.
public struct CalendarText: Sendable {
    /// One content line of the VEVENT (or the calendar's METHOD).
    struct Property: Sendable {
        /// Its parameters, e.g. `TZID` → `Europe/Brussels`.
        var parameters: [String: String]
        /// Its value, unescaped.
        var value: String
    }

    /// The properties worth showing, in the order they are shown.
    static let shown = ["METHOD", "SUMMARY", "DTSTART", "DTEND", "LOCATION", "DESCRIPTION", "URL", "ORGANIZER", "UID", "SEQUENCE", "STATUS"]

    /// The first occurrence of each shown property.
    let properties: [String: Property]

    /// Reads `calendar` (RFC 5545 text, CRLF line ends, folded lines).
    public init(_ calendar: String) {
        var found: [String: Property] = [:]
        let unfolded = calendar.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n\t", with: "")
        var inEvent = false
        for line in unfolded.components(separatedBy: "\r\n") {
            if line == "BEGIN:VEVENT" { inEvent = true }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let head = line[..<colon].split(separator: ";").map(String.init)
            guard let name = head.first, Self.shown.contains(name), inEvent || name == "METHOD", found[name] == nil else { continue }
            var parameters: [String: String] = [:]
            for parameter in head.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
                if pair.count == 2 { parameters[pair[0]] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            }
            found[name] = Property(parameters: parameters, value: Self.unescape(String(line[line.index(after: colon)...])))
        }
        properties = found
    }

    /// A DTSTART or DTEND read as an instant in the event's zone.
    struct Instant {
        /// The instant.
        var date: Date
        /// The zone its wall-clock time is in (UTC for a `…Z` value).
        var zone: TimeZone
        /// A DATE value (a whole day) rather than a DATE-TIME.
        var allDay: Bool
    }

    /// `(name, value)` for each property present, start and end as `Tue 2026-03-03 08:30 +01:00 (Europe/Brussels)`.
    public var summary: [(String, String)] {
        Self.shown.compactMap { name -> (String, String)? in
            guard let property = properties[name] else { return nil }
            guard name == "DTSTART" || name == "DTEND", let instant = Self.instant(property) else { return (name, property.value) }
            let wallClock = WallClockText.describe(instant.date, in: instant.zone)
            if instant.allDay { return (name, String(wallClock.prefix(14))) }
            return (name, "\(wallClock) (\(property.parameters["TZID"] ?? "UTC"))")
        }
    }

    /// When the event takes place, in `locale`'s words and the event's zone, e.g.
    /// `mardi 3 mars 2026, 08:30 – 10:00 (Europe/Brussels)`; nil without a readable DTSTART.
    public func when(locale: String) -> String? {
        guard let start = properties["DTSTART"], let begin = Self.instant(start) else { return nil }
        let language = Locale(identifier: locale)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = begin.zone
        let day = Date.FormatStyle(date: .complete, time: .omitted, locale: language, calendar: calendar, timeZone: begin.zone)
        let time = Date.FormatStyle(date: .omitted, time: .shortened, locale: language, calendar: calendar, timeZone: begin.zone)
        if begin.allDay { return begin.date.formatted(day) }
        var text = begin.date.formatted(day) + ", " + begin.date.formatted(time)
        if let endProperty = properties["DTEND"], let end = Self.instant(endProperty) {
            let sameDay = calendar.isDate(begin.date, inSameDayAs: end.date)
            text += " – " + (sameDay ? end.date.formatted(time) : end.date.formatted(day) + ", " + end.date.formatted(time))
        }
        return text + " (\(start.parameters["TZID"] ?? "UTC"))"
    }

    /// A DATE-TIME (`20260303T083000` with TZID, or `…Z`) or DATE value as an instant and its zone.
    static func instant(_ property: Property) -> Instant? {
        let value = property.value
        let digits = value.filter(\.isNumber)
        guard digits.count == 8 || digits.count == 14 else { return nil }
        let zoneName = value.hasSuffix("Z") ? "UTC" : property.parameters["TZID"] ?? "UTC"
        guard let zone = TimeZone(identifier: zoneName) else { return nil }
        func number(_ from: Int, _ length: Int) -> Int {
            Int(String(digits.dropFirst(from).prefix(length))) ?? 0
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let allDay = digits.count == 8
        let components = DateComponents(
            year: number(0, 4), month: number(4, 2), day: number(6, 2),
            hour: allDay ? 0 : number(8, 2), minute: allDay ? 0 : number(10, 2), second: allDay ? 0 : number(12, 2))
        return calendar.date(from: components).map { Instant(date: $0, zone: zone, allDay: allDay) }
    }

    /// RFC 5545 TEXT unescaping.
    static func unescape(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                result.append(character == "n" || character == "N" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}

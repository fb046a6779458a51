import Foundation

/// Writes an event as an RFC 5545 iCalendar object (VCALENDAR with a VTIMEZONE and a VEVENT).
///
/// Output is CRLF-terminated, folded at 75 octets without splitting UTF-8 characters,
/// with TEXT values escaped; no value can add a property line.
public struct ICalendarWriter: Sendable {
    /// The PRODID, e.g. `-//Relais//Relais 1.0//EN`.
    public var productID: String

    /// A writer announcing itself as `productID`.
    public init(productID: String = "-//Relais//Relais 1.0//EN") {
        self.productID = productID
    }

    /// The iCalendar bytes for `event`. The method defaults to CANCEL for a cancelled
    /// event and PUBLISH otherwise; with CANCEL the event is written `STATUS:CANCELLED`.
    public func render(_ event: CalendarEvent, method: CalendarMethod? = nil) throws(CalendarError) -> [UInt8] {
        guard !event.uid.isEmpty, event.uid.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) else {
            throw CalendarError(event.uid, "the UID must be non-empty and without control characters")
        }
        guard event.end >= event.start else { throw CalendarError(event.uid, "the event ends before it starts") }
        guard event.sequence >= 0 else { throw CalendarError(event.uid, "SEQUENCE must not be negative") }
        let method = method ?? (event.status == .cancelled ? .cancel : .publish)
        let status: CalendarEvent.Status = method == .cancel ? .cancelled : event.status

        var writer = ContentLineWriter(capacity: 2_048)
        writer.line("BEGIN", "VCALENDAR")
        writer.textLine("PRODID", productID)
        writer.line("VERSION", "2.0")
        writer.line("CALSCALE", "GREGORIAN")
        writer.line("METHOD", method.rawValue)
        let utc = Self.isUTC(event.timeZone)
        if !utc { VTimeZoneCache.vTimeZone(event.timeZone, around: event.start).write(to: &writer) }

        writer.line("BEGIN", "VEVENT")
        writer.textLine("UID", event.uid)
        writer.line("SEQUENCE", String(event.sequence))
        writer.line("DTSTAMP", DateTimeValue(event.dtstamp, offset: 0).basicFormat + "Z")
        Self.dateTimeLine(&writer, "DTSTART", event.start, event.timeZone, utc: utc)
        Self.dateTimeLine(&writer, "DTEND", event.end, event.timeZone, utc: utc)
        writer.textLine("SUMMARY", event.summary)
        if let description = event.description { writer.textLine("DESCRIPTION", description) }
        if let location = event.location { writer.textLine("LOCATION", location) }
        if let url = event.url {
            writer.append("URL:")
            writer.appendURI(url)
            writer.endLine()
        }
        writer.append("ORGANIZER")
        if let name = event.organizer.name, !name.isEmpty { writer.appendQuotedParameter("CN", name) }
        writer.append(":mailto:")
        writer.appendURI(event.organizer.email)
        writer.endLine()
        writer.line("STATUS", status.rawValue)
        writer.line("END", "VEVENT")
        writer.line("END", "VCALENDAR")
        return writer.bytes
    }

    /// Names of UTC itself: events in it are written in UTC (`…Z`) without a VTIMEZONE, as
    /// some clients take a TZID of `GMT` for London time.
    static let utcIdentifiers: Set<String> = [
        "UTC", "GMT", "UCT", "Zulu", "Universal", "Greenwich", "GMT0", "Etc/UTC", "Etc/GMT", "Etc/UCT", "Etc/Zulu",
        "Etc/Universal", "Etc/Greenwich", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0",
    ]

    /// Whether `zone` is UTC.
    static func isUTC(_ zone: TimeZone) -> Bool {
        utcIdentifiers.contains(zone.identifier) && zone.secondsFromGMT() == 0
    }

    /// `NAME;TZID=Zone:local`, or `NAME:…Z` in UTC for a UTC event or a time in the hour
    /// repeated when clocks go back: RFC 5545 §3.3.5 reads a repeated local time as its
    /// first occurrence, but readers differ (pytz-based ones take the second), so both
    /// occurrences are written in UTC, which every reader understands alike.
    static func dateTimeLine(_ writer: inout ContentLineWriter, _ name: String, _ date: Date, _ zone: TimeZone, utc: Bool) {
        let offset = zone.secondsFromGMT(for: date)
        if utc || isRepeatedWallTime(date, offset: offset, in: zone) {
            writer.line(name, DateTimeValue(date, offset: 0).basicFormat + "Z")
        } else {
            writer.line("\(name);TZID=\(zone.identifier)", DateTimeValue(date, offset: offset).basicFormat)
        }
    }

    /// Whether another instant, shortly before or after `date`, shows the same wall-clock time in `zone`.
    static func isRepeatedWallTime(_ date: Date, offset: Int, in zone: TimeZone) -> Bool {
        for probe in [3_600.0, 7_200, 10_800, 21_600, 86_400, -3_600, -7_200, -10_800, -21_600, -86_400] {
            let other = zone.secondsFromGMT(for: date.addingTimeInterval(-probe))
            guard other != offset else { continue }
            let twin = date.addingTimeInterval(Double(offset - other))
            if zone.secondsFromGMT(for: twin) == other { return true }
        }
        return false
    }
}

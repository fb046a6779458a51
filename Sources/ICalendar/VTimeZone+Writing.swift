/// Writing a VTIMEZONE component.
extension VTimeZone {
    /// Appends `BEGIN:VTIMEZONE` … `END:VTIMEZONE`.
    func write(to writer: inout ContentLineWriter) {
        writer.line("BEGIN", "VTIMEZONE")
        writer.line("TZID", identifier)
        for observance in observances {
            let kind = observance.isDaylight ? "DAYLIGHT" : "STANDARD"
            writer.line("BEGIN", kind)
            writer.line("DTSTART", observance.start.basicFormat)
            if let rule = observance.rule { writer.line("RRULE", rule.rrule) }
            for start in observance.additionalStarts { writer.line("RDATE", start.basicFormat) }
            writer.line("TZOFFSETFROM", Self.utcOffset(observance.offsetFrom))
            writer.line("TZOFFSETTO", Self.utcOffset(observance.offsetTo))
            if let name = observance.name, !name.isEmpty { writer.textLine("TZNAME", name) }
            writer.line("END", kind)
        }
        writer.line("END", "VTIMEZONE")
    }

    /// `+HHMM`, or `+HHMMSS` when the offset has seconds.
    static func utcOffset(_ seconds: Int) -> String {
        var text = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        DateTimeValue.pad(&text, magnitude / 3600, 2)
        DateTimeValue.pad(&text, magnitude / 60 % 60, 2)
        if magnitude % 60 != 0 { DateTimeValue.pad(&text, magnitude % 60, 2) }
        return text
    }
}

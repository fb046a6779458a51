import Foundation

/// An event's dates, times, duration and relative time, formatted once for one locale.
struct FormattedEvent: Sendable, Hashable {
    /// Full date of the start: "mardi 3 mars 2026".
    var date: String
    /// Start time, short: "19:00" ("19 h", "8 h 30" in French).
    var time: String
    /// End time, short: "20:30".
    var endTime: String
    /// Full date of the end (differs from `date` for events over several days).
    var endDate: String
    /// Full date and start time: "mardi 3 mars 2026 à 19:00".
    var dateTime: String
    /// Length of the event: "1 heure et 30 minutes".
    var duration: String
    /// Start relative to now: "dans 2 jours", "demain", "dans 3 heures".
    var relative: String
    /// Calendar days from now to the start, in the event's time zone (0 = today).
    var daysUntil: Int

    /// Formats `event` for `localeIdentifier` (an ICU identifier such as "fr_BE") as seen at `now`.
    init(event: MessageContext.EventInfo, now: Date, localeIdentifier: String) {
        let locale = Locale(identifier: localeIdentifier)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = event.timeZone
        calendar.locale = locale
        let zone = event.timeZone
        let fullDate = Date.FormatStyle(date: .complete, time: .omitted, locale: locale, calendar: calendar, timeZone: zone)
        let shortTime = Date.FormatStyle(date: .omitted, time: .shortened, locale: locale, calendar: calendar, timeZone: zone)
        let dateAndTime = Date.FormatStyle(date: .complete, time: .shortened, locale: locale, calendar: calendar, timeZone: zone)
        self.date = fullDate.format(event.start)
        self.endDate = fullDate.format(event.end)
        if Self.writesHoursWithH(localeIdentifier) {
            self.time = Self.frenchTime(event.start, calendar: calendar)
            self.endTime = Self.frenchTime(event.end, calendar: calendar)
            self.dateTime = self.date + " à " + self.time
        } else {
            self.time = shortTime.format(event.start)
            self.endTime = shortTime.format(event.end)
            self.dateTime = dateAndTime.format(event.start)
        }
        self.duration = Self.duration(from: event.start, to: event.end, locale: locale)
        let days = calendar.dateComponents(
            [.day], from: calendar.startOfDay(for: now), to: calendar.startOfDay(for: event.start)
        ).day ?? 0
        self.daysUntil = days
        self.relative = Self.relative(start: event.start, now: now, days: days, calendar: calendar, locale: locale)
    }

    /// True for French: times are written "8 h 30", "19 h" (the Imprimerie nationale's rule and
    /// everyday usage), not CLDR's "08:30".
    static func writesHoursWithH(_ localeIdentifier: String) -> Bool {
        localeIdentifier == "fr" || localeIdentifier.hasPrefix("fr_") || localeIdentifier.hasPrefix("fr-")
    }

    /// "8 h 30", "19 h": no leading zero, no-break spaces around the "h", minutes only when not zero.
    static func frenchTime(_ date: Date, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        let minutes = minute == 0 ? "" : "\u{00A0}" + (minute < 10 ? "0" : "") + String(minute)
        return String(hour) + "\u{00A0}h" + minutes
    }

    /// "1 heure et 30 minutes"; days are included for events longer than a day.
    static func duration(from start: Date, to end: Date, locale: Locale) -> String {
        let seconds = max(0, Int64(end.timeIntervalSince(start).rounded()))
        let units: Set<Duration.UnitsFormatStyle.Unit> =
            seconds >= 86_400 ? [.days, .hours, .minutes] : [.hours, .minutes]
        let style = Duration.UnitsFormatStyle(allowedUnits: units, width: .wide).locale(locale)
        return Duration.seconds(seconds).formatted(style)
    }

    /// Relative time of `start` seen from `now`: in calendar days when the start is on a later
    /// day in the event's zone ("demain", "dans 3 jours"), otherwise in hours and minutes.
    static func relative(start: Date, now: Date, days: Int, calendar: Calendar, locale: Locale) -> String {
        var style = Date.AnchoredRelativeFormatStyle(
            anchor: start, presentation: .named, unitsStyle: .wide, locale: locale, calendar: calendar
        )
        if days != 0 {
            // Measure from the same wall-clock time `days` days before the start, so that
            // "tomorrow 8:30" seen at 21:00 is "demain", not "dans 11 heures".
            style.allowedFields = [.day]
            let reference = calendar.date(byAdding: .day, value: -days, to: start) ?? now
            return style.format(reference)
        }
        style.allowedFields = [.hour, .minute]
        return style.format(now)
    }
}

import Foundation

/// Finds IANA time zones by name, rejecting names the system's tz database does not know.
public enum TimeZoneLookup {
    /// The zone named `name` (e.g. `Europe/Brussels`, `UTC`); throws for an unknown name.
    public static func zone(named name: String) throws(RecurrenceError) -> TimeZone {
        guard known.contains(name) || name == "UTC" || name == "GMT",
              let zone = TimeZone(identifier: name)
        else {
            throw RecurrenceError("unknown time zone \"\(name)\": expected an IANA name such as Europe/Brussels")
        }
        return zone
    }

    /// The identifiers the system's tz database knows.
    private static let known: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers)
}

import Foundation

/// Finds IANA time zones by name: every name of the system's tz database (canonical zones,
/// their aliases such as `US/Eastern` or `Asia/Calcutta`, and `Etc/*` such as `Etc/UTC` or
/// `Etc/GMT+1`), and only those.
public enum TimeZoneLookup {
    /// The zone named `name` (e.g. `Europe/Brussels`, `Etc/UTC`, `UTC`); throws for a name the tz database does not have.
    public static func zone(named name: String) throws(RecurrenceError) -> TimeZone {
        guard isKnown(name), let zone = TimeZone(identifier: name) else {
            throw RecurrenceError("unknown time zone \"\(name)\": expected an IANA name such as Europe/Brussels")
        }
        return zone
    }

    /// True when `name` is a zone or link of the tz database in `directory`.
    static func isKnown(_ name: String, directory: String = zoneDirectory) -> Bool {
        if let names = names(directory: directory) { return names.contains(name) }
        return hasZoneFile(name, directory: directory)
    }

    /// `$TZDIR`, else `/usr/share/zoneinfo`.
    static var zoneDirectory: String {
        ProcessInfo.processInfo.environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/share/zoneinfo"
    }

    /// The zone (`Z`) and link (`L`) names of the database's `tzdata.zi`; nil when it has none.
    static func names(directory: String) -> Set<String>? {
        if directory == "/usr/share/zoneinfo" { return systemNames }
        return readNames(directory: directory)
    }

    private static let systemNames = readNames(directory: "/usr/share/zoneinfo")

    private static func readNames(directory: String) -> Set<String>? {
        guard let data = FileManager.default.contents(atPath: directory + "/tzdata.zi") else { return nil }
        var names = Set<String>()
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, fields[0] == "Z" { names.insert(String(fields[1])) }
            if fields.count >= 3, fields[0] == "L" { names.insert(String(fields[2])) }
        }
        return names.isEmpty ? nil : names
    }

    /// Without `tzdata.zi`: a compiled zone file (`TZif`) at `directory/name`, the name made of
    /// tz database characters, outside the `posix/` and `right/` copies.
    static func hasZoneFile(_ name: String, directory: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+-")
        guard !parts.isEmpty, !["posix", "right"].contains(parts[0]), !["posixrules", "localtime"].contains(name),
            parts.allSatisfy({ !$0.isEmpty && $0.first != "." && $0.unicodeScalars.allSatisfy(allowed.contains) })
        else { return false }
        guard let handle = FileHandle(forReadingAtPath: directory + "/" + name) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data("TZif".utf8)
    }
}

import Foundation
import Recurrence
import Testing

/// Zone names: every name of the system's tz database (canonical zones, aliases, `Etc/*`) is
/// accepted, and only those. The oracle is the database itself: `/usr/share/zoneinfo/tzdata.zi`.
@Suite struct ZoneNameTests {
    @Test(arguments: [
        "Europe/Brussels", "Etc/UTC", "Etc/GMT", "Etc/GMT+1", "Etc/GMT-14", "UTC", "GMT", "US/Eastern", "Asia/Calcutta",
        "Europe/Kiev", "America/Buenos_Aires", "Australia/ACT", "Universal", "Zulu", "Europe/Belfast", "Etc/Universal",
    ])
    func aliasesAndEtcNamesAreAccepted(_ name: String) throws {
        let zone = try TimeZoneLookup.zone(named: name)
        #expect(zone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)) == TimeZone(identifier: name)?.secondsFromGMT(for: Date(timeIntervalSince1970: 0)))
    }

    @Test func etcGMTPlusOneIsOneHourBehindUTC() throws {
        // POSIX sign: Etc/GMT+1 is UTC-1.
        #expect(try TimeZoneLookup.zone(named: "Etc/GMT+1").secondsFromGMT(for: Date()) == -3600)
    }

    @Test(arguments: [
        "Europe/Bruxelles", "Mars/Olympus_Mons", "", "Europe", "posix/Europe/Brussels", "right/UTC", "../zoneinfo/UTC", "Etc/GMT+15",
        "localtime", "posixrules", "zone.tab", "Europe/Brussels ", "europe/brussels",
    ])
    func madeUpNamesAreRefused(_ name: String) {
        #expect(throws: RecurrenceError.self) { try TimeZoneLookup.zone(named: name) }
    }

    @Test func everyNameOfTheDatabaseIsAccepted() throws {
        let zi = try String(contentsOfFile: "/usr/share/zoneinfo/tzdata.zi", encoding: .utf8)
        var names: [String] = []
        for line in zi.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.first == "Z", fields.count >= 2 { names.append(String(fields[1])) }
            if fields.first == "L", fields.count >= 3 { names.append(String(fields[2])) }
        }
        #expect(names.count > 500)
        let refused = names.filter { (try? TimeZoneLookup.zone(named: $0)) == nil }
        #expect(refused.isEmpty, "refused: \(refused)")
    }
}

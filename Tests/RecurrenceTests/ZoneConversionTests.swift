import Foundation
import Recurrence
import Testing

/// The expansion's cached UTC-offset periods agree with the uncached per-instant conversion,
/// in zones with unusual histories (standard-offset changes, skipped days, half-hour DST,
/// DST toggled for Ramadan, negative DST).
@Suite struct ZoneConversionTests {
    @Test(arguments: ["Europe/Volgograd", "America/Sao_Paulo", "Pacific/Apia", "Australia/Lord_Howe",
                      "Asia/Tehran", "Africa/Casablanca", "America/Nuuk", "Europe/Moscow", "Antarctica/Troll",
                      "America/Caracas", "Asia/Pyongyang", "Europe/Dublin", "Pacific/Chatham",
                      "Pacific/Kiritimati", "America/Havana", "Europe/Brussels"])
    func cachedConversionMatchesDirectConversion(_ name: String) throws {
        let zone = try TimeZoneLookup.zone(named: name)
        let set = RecurrenceSet(start: try LocalDateTime(parsing: "1993-12-25T00:30"), zone: zone,
                                rule: try RecurrenceRule(parsing: "FREQ=MINUTELY;INTERVAL=337;UNTIL=20301231T000000"))
        var mismatches: [String] = []
        var count = 0
        for occurrence in set.occurrences() {
            count += 1
            let direct = occurrence.local.instant(in: zone)
            if direct != occurrence.start { mismatches.append("\(occurrence.local): \(occurrence.start) vs \(direct)") }
        }
        #expect(count > 50_000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}

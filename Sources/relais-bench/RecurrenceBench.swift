import Foundation
import Recurrence

/// Benchmarks the Recurrence library: (a) a full 10-year daily expansion, (b) the next
/// occurrence after now for 10,000 series at once. Prints one line per measurement.
func runRecurrenceBench() {
    let clock = ContinuousClock()
    func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
    }

    // (a) FREQ=DAILY for 10 years in Europe/Brussels: 3,653 occurrences.
    do {
        let zone = try TimeZoneLookup.zone(named: "Europe/Brussels")
        let rule = try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=20360101T190000")
        let set = RecurrenceSet(start: try LocalDateTime(parsing: "2026-01-01T19:00"), zone: zone, rule: rule)
        var runs: [Double] = []
        var count = 0
        for _ in 0..<50 {
            let elapsed = clock.measure {
                count = 0
                for _ in set.occurrences() { count += 1 }
            }
            runs.append(milliseconds(elapsed))
        }
        runs.sort()
        print(String(format: "recurrence (a) daily 10 years, %d occurrences, Europe/Brussels: median %.3f ms, min %.3f ms (50 runs, target < 1 ms)",
                     count, runs[runs.count / 2], runs[0]))
    } catch {
        print("recurrence (a) failed: \(error)")
    }

    // (b) The next occurrence after now for 10,000 series started in the past.
    do {
        let zones = try ["Europe/Brussels", "Europe/Madrid", "Europe/Berlin", "Europe/Paris",
                         "America/New_York", "Australia/Sydney", "UTC"].map { try TimeZoneLookup.zone(named: $0) }
        let rules = try ["FREQ=WEEKLY;BYDAY=TH", "FREQ=MONTHLY;BYDAY=1TU", "FREQ=MONTHLY;BYMONTHDAY=15",
                         "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE", "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR",
                         "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"].map { try RecurrenceRule(parsing: $0) }
        var sets: [RecurrenceSet] = []
        for i in 0..<10_000 {
            let start = try LocalDateTime(year: 2015 + i % 11, month: 1 + i % 12, day: 1 + i % 28,
                                          hour: 7 + i % 14, minute: (i % 4) * 15)
            sets.append(RecurrenceSet(start: start, zone: zones[i % zones.count], rule: rules[i % rules.count]))
        }
        let now = Date()
        var found = 0
        var runs: [Double] = []
        for _ in 0..<5 {
            let elapsed = clock.measure {
                found = 0
                for set in sets where set.nextOccurrence(from: now) != nil { found += 1 }
            }
            runs.append(milliseconds(elapsed))
        }
        runs.sort()
        print(String(format: "recurrence (b) next occurrence after now for 10,000 series (%d found): median %.2f ms, min %.2f ms (5 runs, target < 50 ms)",
                     found, runs[runs.count / 2], runs[0]))
    } catch {
        print("recurrence (b) failed: \(error)")
    }
}

import Foundation
import Synchronization

/// Process-wide cache of generated VTIMEZONEs by (zone, year): deriving one asks ICU for
/// transitions and abbreviations, which costs tens of microseconds.
enum VTimeZoneCache {
    struct Key: Hashable {
        var identifier: String
        var year: Int
    }

    static let storage = Mutex<[Key: VTimeZone]>([:])

    /// The VTIMEZONE of `timeZone` around `date`, generated once per zone and year.
    static func vTimeZone(_ timeZone: TimeZone, around date: Date) -> VTimeZone {
        let key = Key(identifier: timeZone.identifier, year: DateTimeValue(date, offset: timeZone.secondsFromGMT(for: date)).year)
        if let cached = storage.withLock({ $0[key] }) { return cached }
        let generated = VTimeZone(timeZone, around: date)
        storage.withLock { cache in
            if cache.count >= 512 { cache.removeAll() }
            cache[key] = generated
        }
        return generated
    }
}

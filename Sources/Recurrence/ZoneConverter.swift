import Foundation

/// Converts wall-clock seconds to UTC seconds in one zone, caching the current UTC-offset period.
///
/// Within a cached period (kept `margin` away from its transitions, so no other period can
/// claim the same wall-clock time) the conversion is a subtraction; only near a transition
/// does it ask Foundation's `TimeZone`.
struct ZoneConverter {
    /// The zone converted for.
    let zone: TimeZone
    /// Lowest and highest UTC second where the cached `offset` gives the only answer.
    private var low: Int64 = .max
    private var high: Int64 = .min
    private var offset: Int64 = 0

    /// Distance kept from a transition; larger than any real offset change.
    private static let margin: Int64 = 86_400 + 3_600

    /// A converter with an empty cache.
    init(zone: TimeZone) {
        self.zone = zone
    }

    /// UTC seconds for wall-clock seconds `local` (gap: forward by the gap; overlap: first).
    @inline(__always)
    mutating func utcSeconds(forLocal local: Int64) -> Int64 {
        let guess = local - offset
        if guess >= low && guess <= high { return guess }
        let utc = Self.utcSeconds(forLocal: local, in: zone)
        cachePeriod(around: utc)
        return utc
    }

    /// Remembers the constant-offset period holding `utc`, shrunk by `margin` at both ends.
    private mutating func cachePeriod(around utc: Int64) {
        let periodOffset = Self.offset(at: utc, in: zone)
        // Earliest known second of the period: the last transition at or before `utc`, or a
        // point two margins back when there is none in between.
        var start = utc - 2 * Self.margin
        var cursor = Date(timeIntervalSince1970: Double(start))
        var end = Int64.max / 2
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor) {
            let t = Int64(next.timeIntervalSince1970)
            if t > utc { end = t; break }
            start = t
            cursor = next
        }
        offset = periodOffset
        low = start + Self.margin
        high = end - Self.margin
        if low > high { low = .max; high = .min }
    }

    /// The zone's UTC offset in seconds at UTC second `utc`.
    @inline(__always)
    static func offset(at utc: Int64, in zone: TimeZone) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc))))
    }

    /// Uncached §3.3.5 conversion of wall-clock seconds to UTC seconds.
    static func utcSeconds(forLocal local: Int64, in zone: TimeZone) -> Int64 {
        let before = offset(at: local - 86_400, in: zone)
        let after = offset(at: local + 86_400, in: zone)
        let early = local - before
        if before == after {
            if offset(at: early, in: zone) == before { return early }
            // Several transitions within two days: search the offset that round-trips.
            let direct = offset(at: early, in: zone)
            return offset(at: local - direct, in: zone) == direct ? local - direct : early
        }
        let late = local - after
        let earlyValid = offset(at: early, in: zone) == before
        let lateValid = offset(at: late, in: zone) == after
        switch (earlyValid, lateValid) {
        case (true, true): return min(early, late)  // ambiguous: the first instant
        case (true, false): return early
        case (false, true): return late
        case (false, false): return early  // gap: the pre-transition offset moves it forward
        }
    }
}

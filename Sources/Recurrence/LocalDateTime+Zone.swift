import Foundation

extension LocalDateTime {
    /// The instant of this wall-clock time in `zone` (RFC 5545 §3.3.5): a time in a spring gap
    /// moves forward by the length of the gap; an ambiguous autumn time takes the first (earlier) instant.
    public func instant(in zone: TimeZone) -> Date {
        Date(timeIntervalSince1970: Double(ZoneConverter.utcSeconds(forLocal: localSeconds, in: zone)))
    }

    /// The wall-clock time of `instant` in `zone` (whole seconds, rounded down).
    public init(_ instant: Date, in zone: TimeZone) {
        let utc = Int64((instant.timeIntervalSince1970).rounded(.down))
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc))))
        self.init(localSeconds: utc + offset)
    }
}

import Foundation
import Synchronization

/// Formatted events keyed by (event times, zone, locale, minute of `now`), so that rendering
/// thousands of messages for one occurrence formats its dates once per locale.
final class FormattedEventCache: Sendable {
    private struct Key: Hashable {
        var start: Date
        var end: Date
        var zone: String
        var locale: String
        var minute: Int64
    }

    /// Entries kept before the cache is emptied (a daemon runs for months).
    private static let capacity = 4096
    private let entries = Mutex<[Key: FormattedEvent]>([:])

    /// Creates an empty cache.
    init() {}

    /// The event formatted for `localeIdentifier` at `now` (relative time is computed per minute).
    func formatted(_ event: MessageContext.EventInfo, now: Date, localeIdentifier: String) -> FormattedEvent {
        let minute = Int64((now.timeIntervalSinceReferenceDate / 60).rounded(.down))
        let key = Key(
            start: event.start, end: event.end, zone: event.timeZone.identifier,
            locale: localeIdentifier, minute: minute
        )
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let bucketNow = Date(timeIntervalSinceReferenceDate: Double(minute) * 60)
        let value = FormattedEvent(event: event, now: bucketNow, localeIdentifier: localeIdentifier)
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
        return value
    }
}

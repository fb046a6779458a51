import Foundation
import MIME
import Synchronization
import Templates

/// The event part of messages, by occurrence and language: what the template shows and the
/// calendar file, written once and shared by every recipient reading that language.
final class CalendarCache: Sendable {
    /// What decides an entry: the occurrence, the languages and whether a calendar is attached.
    struct Key: Hashable {
        var event: CalendarInfo
        var recipientLocale: String
        var templateLocale: String
        var attach: Bool
        var cancel: Bool
    }

    /// The event as the template sees it, and the calendar (bytes for the message, text for callers).
    struct Entry: Sendable {
        var event: MessageContext.EventInfo
        var attachment: CalendarAttachment?
        var text: String?
    }

    /// Entries kept at most; the cache is emptied when it is full (occurrences come and go).
    static let capacity = 256
    private let storage = Mutex<[Key: Entry]>([:])

    /// The cached entry for `key`, or the one `make` builds (then cached).
    func entry<E: Error>(_ key: Key, make: () throws(E) -> Entry) throws(E) -> Entry {
        if let cached = storage.withLock({ $0[key] }) { return cached }
        let entry = try make()
        storage.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = entry
        }
        return entry
    }
}

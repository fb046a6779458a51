import Foundation
import Synchronization

/// Stamps keyed by everything recipients of one batch share; nil records a template that
/// cannot be stamped.
final class MessageStampCache: Sendable {
    struct Key: Hashable {
        var kind: String
        var templateLocale: String
        var formattingLocale: String
        var recipientLocale: String
        var sender: MessageContext.Sender
        var event: MessageContext.EventInfo?
        var minute: Int64
        var data: [String: TemplateValue]
        var hasUnsubscribeURL: Bool
        var hasPreferencesURL = false
        var hasRSVPURL = false
    }

    /// Entries kept before the cache is emptied.
    private static let capacity = 1024
    private let entries = Mutex<[Key: MessageStamp?]>([:])

    /// Creates an empty cache.
    init() {}

    /// The cached stamp (`.some(nil)` if the template cannot be stamped), or nil if not built yet.
    func stamp(for key: Key) -> MessageStamp?? {
        entries.withLock { $0[key] }
    }

    /// Stores a stamp, or the fact that there is none.
    func store(_ stamp: MessageStamp?, for key: Key) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = .some(stamp)
        }
    }
}

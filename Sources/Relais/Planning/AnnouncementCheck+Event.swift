import Foundation
import Recurrence
import Templates

extension AnnouncementCheck {
    /// Throws when `template`'s manifest and the announcement disagree on whom it goes to: a
    /// kind about an event needs `--event`, a kind for one member is not announced to lists.
    public static func audience(_ manifest: KindManifest, template: String, event: Int64?, lists: [String]) throws(InputError) {
        switch manifest.audience {
        case .eventLists where event == nil:
            throw InputError("\(template) is about an event occurrence (its manifest: \"audience\": \"event-lists\"): give --event ID", exitCode: Sysexits.usage)
        case .member:
            throw InputError("\(template) goes to one member (its manifest: \"audience\": \"member\"), not to lists", exitCode: Sysexits.usage)
        default:
            if lists.isEmpty && event == nil { throw InputError("at least one --list is required", exitCode: Sysexits.usage) }
        }
    }

    /// Throws when a message of `template` would contradict the occurrence's state: announcing
    /// (PUBLISH) a cancelled occurrence, or cancelling (CANCEL) one that still takes place.
    public static func calendar(_ manifest: KindManifest, template: String, schedule: EventSchedule, occurrence: String) throws(InputError) {
        guard let original = try? LocalDateTime(parsing: occurrence) else { return }
        let cancelled = schedule.isCancelled || schedule.cancelledOccurrences.contains(original)
        switch manifest.calendar {
        case .publish where cancelled:
            throw InputError(
                "the occurrence \(original) of event \(schedule.id) is cancelled: \(template) would announce it (members were told by relaisctl event cancel)")
        case .cancel where !cancelled:
            throw InputError(
                "the occurrence \(original) of event \(schedule.id) is not cancelled: cancel it with relaisctl event cancel \(schedule.id) --occurrence \(original), which tells the members")
        default:
            break
        }
    }
}

/// Why a message is sent, which decides its list headers: the `kind` column of a queue row.
public enum MessageKind: String, Sendable, Hashable, CaseIterable {
    /// A reminder of an event occurrence (no List-Unsubscribe).
    case reminder
    /// An announcement or newsletter to lists (List-Unsubscribe, one-click when https).
    case announcement
    /// A test or one-off message to one person (no list headers).
    case test

    /// The kind a template is usually sent as: `newsletter` and `meetup-announcement` go to
    /// lists as announcements, every other template is a reminder.
    public static func forTemplate(_ template: String) -> MessageKind {
        template == "newsletter" || template == "meetup-announcement" ? .announcement : .reminder
    }
}

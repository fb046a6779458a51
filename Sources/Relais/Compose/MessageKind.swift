/// Which path queued a message: the `kind` column of a queue row.
///
/// It decides nothing about the message itself except for `test`: list headers, calendar and
/// bulk headers come from the template kind's manifest (`templates/<kind>/manifest.json`).
public enum MessageKind: String, Sendable, Hashable, CaseIterable {
    /// A reminder of an event occurrence, queued by the planner.
    case reminder
    /// A message to lists (newsletter, meetup announcement, cancellation, change), queued by `announce` or an event change.
    case announcement
    /// A test or one-off message to one person: no list headers, no unsubscribe link.
    case test
}

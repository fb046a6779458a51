/// What an upsert of members changed.
public struct MemberUpsertSummary: Sendable, Hashable, Codable {
    /// Members that did not exist before.
    public var added = 0
    /// Members whose name, locale or lists changed.
    public var updated = 0
    /// Members already exactly as given.
    public var unchanged = 0
    /// The addresses of the members added, in input order.
    public var addedEmails: [String] = []
    /// Welcome messages queued (each new member at most once, ever).
    public var welcomed = 0

    /// A summary of nothing changed.
    public init() {}

    /// Counts one member of the upsert: `email` was added when `isNew`, else updated when
    /// `changed`, else unchanged. Returns whether she is new (and is owed a welcome).
    @discardableResult
    public mutating func count(_ email: String, isNew: Bool, changed: Bool) -> Bool {
        if isNew {
            added += 1
            addedEmails.append(email)
        } else if changed {
            updated += 1
        } else {
            unchanged += 1
        }
        return isNew
    }
}

/// The ORGANIZER of an event: an optional common name and an e-mail address.
public struct CalendarOrganizer: Sendable, Hashable {
    /// Display name (`CN` parameter).
    public var name: String?
    /// Address, written as a `mailto:` URI.
    public var email: String

    /// An organizer.
    public init(name: String? = nil, email: String) {
        self.name = name
        self.email = email
    }
}

/// The iTIP method of a calendar object (RFC 5546).
public enum CalendarMethod: String, Sendable, Hashable {
    /// `METHOD:PUBLISH`: an announcement.
    case publish = "PUBLISH"
    /// `METHOD:CANCEL`: a cancellation.
    case cancel = "CANCEL"
}

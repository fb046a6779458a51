import Templates

/// A composed message: the exact bytes to send and what they were made of.
public struct ComposedMessage: Sendable {
    /// The RFC 5322 message, CRLF line ends.
    public var bytes: [UInt8]
    /// The subject (decoded).
    public var subject: String
    /// The locale of the template file used, e.g. `fr` for a member in `fr-BE`.
    public var locale: String
    /// The rendered parts (subject, preheader, text, HTML).
    public var rendered: RenderedMessage
    /// The attached iCalendar text, when there is one.
    public var calendar: String?

    /// A composed message.
    public init(bytes: [UInt8], subject: String, locale: String, rendered: RenderedMessage, calendar: String?) {
        self.bytes = bytes
        self.subject = subject
        self.locale = locale
        self.rendered = rendered
        self.calendar = calendar
    }
}

/// The result of rendering one template for one recipient: subject, preheader and both bodies.
public struct RenderedMessage: Sendable, Hashable {
    /// The subject, on one line (no CR or LF), not yet RFC 2047-encoded.
    public var subject: String
    /// The preview text shown by mail clients after the subject, if the template gives one.
    public var preheader: String?
    /// The text/plain body (LF line endings, not HTML-escaped).
    public var text: String
    /// The text/html body (LF line endings, all data HTML-escaped).
    public var html: String
    /// The locale of the template file that was used, e.g. "fr" for a member in "fr-BE".
    public var locale: String

    /// Creates a rendered message.
    public init(subject: String, preheader: String?, text: String, html: String, locale: String) {
        self.subject = subject
        self.preheader = preheader
        self.text = text
        self.html = html
        self.locale = locale
    }
}

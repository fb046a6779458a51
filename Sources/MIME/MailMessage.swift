import Foundation

/// One complete e-mail to build: headers, a text and an HTML body, and an optional calendar.
///
/// `render()` gives the RFC 5322 bytes (CRLF line ends). The same value always renders the
/// same bytes: MIME boundaries are derived from the Message-ID.
public struct MailMessage: Sendable {
    /// The author (`From`).
    public var from: Mailbox
    /// The recipients (`To`); Relais sends one message per recipient.
    public var to: [Mailbox]
    /// Where replies go (`Reply-To`), if not the author.
    public var replyTo: Mailbox?
    /// The subject; line breaks and control characters become spaces.
    public var subject: String
    /// The `Date` header, written in UTC.
    public var date: Date
    /// The `Message-ID`, stable per queue row.
    public var messageID: MessageID
    /// The `Content-Language` tag, e.g. `fr-BE`.
    public var language: String?
    /// The `List-Id` header.
    public var listID: ListID?
    /// The `List-Unsubscribe` headers.
    public var listUnsubscribe: ListUnsubscribe?
    /// Further headers, written after the standard ones, in order.
    public var extraHeaders: [MailHeader]
    /// The text/plain body.
    public var text: String
    /// The text/html body; when nil the message has a text/plain part only.
    public var html: String?
    /// A calendar sent inline and as an attachment.
    public var calendar: CalendarAttachment?

    /// A message; see the properties for each field.
    public init(
        from: Mailbox, to: [Mailbox], replyTo: Mailbox? = nil, subject: String, date: Date,
        messageID: MessageID, language: String? = nil, listID: ListID? = nil,
        listUnsubscribe: ListUnsubscribe? = nil, extraHeaders: [MailHeader] = [],
        text: String, html: String? = nil, calendar: CalendarAttachment? = nil
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.language = language
        self.listID = listID
        self.listUnsubscribe = listUnsubscribe
        self.extraHeaders = extraHeaders
        self.text = text
        self.html = html
        self.calendar = calendar
    }
}

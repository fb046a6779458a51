import Foundation
import Templates

/// One message to compose: a template, a recipient and the data, everything that decides its bytes.
///
/// The same request always gives the same bytes, so a queue row can be composed again.
public struct CompositionRequest: Sendable {
    /// `<…@domain>`, fixed when the queue row was created.
    public var messageId: String
    /// The `Date:` header (the row's due time).
    public var date: Date
    /// The recipient's display name (any text; it can never add markup or a header).
    public var recipientName: String
    /// The recipient's address.
    public var recipientEmail: String
    /// The recipient's locale, e.g. `fr-BE`; the template falls back to its language, then the default.
    public var locale: String
    /// The member's unsubscribe token: replaces `{token}` in `sender.unsubscribeURL`.
    public var unsubscribeToken: String?
    /// The member's id, for links to the web endpoint (`web.base_url`).
    public var memberId: Int64?
    /// The id of the list it is sent to, so her unsubscribe link leaves that list only.
    public var listId: Int64?
    /// The event occurrence her RSVP link answers: the event's id and the occurrence's original local start.
    public var rsvp: (eventId: Int64, occurrence: String)?
    /// The template kind (folder), e.g. `meetup-reminder`, `newsletter`.
    public var template: String
    /// Which path queued it; only `.test` changes the message (no list headers, no unsubscribe
    /// link, not bulk). Everything else comes from the template kind's manifest.
    public var kind: MessageKind
    /// The list it is sent to, for `List-Id: <list.sender-domain>`.
    public var listName: String?
    /// The event occurrence, for meetup templates (adds a calendar to `meetup-*` messages).
    public var event: CalendarInfo?
    /// Where and when the occurrence was before a change (`{{previous.dateTime}}` in `meetup-changed`).
    public var previous: CalendarInfo?
    /// Free template data (`{{data.title}}`…).
    public var data: [String: TemplateValue]
    /// The instant relative times are counted from ("in 2 days").
    public var now: Date

    /// A request; see the properties for each field.
    public init(
        messageId: String, date: Date, recipientName: String, recipientEmail: String, locale: String,
        unsubscribeToken: String? = nil, template: String, kind: MessageKind, listName: String? = nil,
        event: CalendarInfo? = nil, previous: CalendarInfo? = nil, data: [String: TemplateValue] = [:], now: Date
    ) {
        self.previous = previous
        self.messageId = messageId
        self.date = date
        self.recipientName = recipientName
        self.recipientEmail = recipientEmail
        self.locale = locale
        self.unsubscribeToken = unsubscribeToken
        self.template = template
        self.kind = kind
        self.listName = listName
        self.event = event
        self.data = data
        self.now = now
        memberId = nil
        listId = nil
        rsvp = nil
    }
}

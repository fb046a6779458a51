import Foundation

/// The plain data one message is rendered from, built by the application for each recipient.
public struct MessageContext: Sendable {
    /// Who receives the message.
    public struct Recipient: Sendable, Hashable {
        /// Display name, e.g. "Ana García".
        public var name: String
        /// Email address.
        public var email: String
        /// BCP 47 locale of the member, e.g. "fr-BE", "es", "de-DE".
        public var locale: String

        /// Creates a recipient.
        public init(name: String, email: String, locale: String) {
            self.name = name
            self.email = email
            self.locale = locale
        }
    }

    /// Who sends the message.
    public struct Sender: Sendable, Hashable {
        /// Name of the organization, e.g. "Mompreneurs Belgique".
        public var organization: String
        /// The From address.
        public var fromAddress: String
        /// Greetings and register: `neutral` (the default) or `feminine`; templates read it as
        /// `{{#wording.feminine}}…{{/wording.feminine}}{{^wording.feminine}}…{{/wording.feminine}}`.
        public var wording: String

        /// Creates a sender.
        public init(organization: String, fromAddress: String, wording: String = "neutral") {
            self.organization = organization
            self.fromAddress = fromAddress
            self.wording = wording
        }
    }

    /// One occurrence of an event, with its local time zone.
    public struct EventInfo: Sendable, Hashable {
        /// Title of the event.
        public var title: String
        /// Optional free-text description.
        public var description: String?
        /// Optional place (address or room).
        public var location: String?
        /// Optional link (registration page, video call).
        public var url: String?
        /// Start instant.
        public var start: Date
        /// End instant.
        public var end: Date
        /// The event's IANA time zone; dates and times are shown in it.
        public var timeZone: TimeZone

        /// Creates an event occurrence.
        public init(
            title: String, description: String? = nil, location: String? = nil, url: String? = nil,
            start: Date, end: Date, timeZone: TimeZone
        ) {
            self.title = title
            self.description = description
            self.location = location
            self.url = url
            self.start = start
            self.end = end
            self.timeZone = timeZone
        }
    }

    /// The recipient.
    public var recipient: Recipient
    /// The sender.
    public var sender: Sender
    /// The event the message is about, if any.
    public var event: EventInfo?
    /// The instant the message is composed, used for relative times ("in 2 days").
    public var now: Date
    /// Free data for the template, e.g. a newsletter's title, intro, paragraphs and call to action.
    public var data: [String: TemplateValue]
    /// The recipient's unsubscribe link, if the message kind has one.
    public var unsubscribeURL: String?
    /// The occurrence as it was before a change (`{{previous.…}}`, same fields as `event`), if any.
    public var previous: EventInfo?
    /// Her preferences page (`{{preferencesURL}}`), when relaisd's web endpoint is configured.
    public var preferencesURL: String?
    /// Her answer page for the message's event occurrence (`{{rsvpURL}}`), when there is one.
    public var rsvpURL: String?

    /// Creates a message context.
    public init(
        recipient: Recipient, sender: Sender, event: EventInfo? = nil, now: Date,
        data: [String: TemplateValue] = [:], unsubscribeURL: String? = nil, previous: EventInfo? = nil
    ) {
        self.previous = previous
        self.recipient = recipient
        self.sender = sender
        self.event = event
        self.now = now
        self.data = data
        self.unsubscribeURL = unsubscribeURL
    }
}

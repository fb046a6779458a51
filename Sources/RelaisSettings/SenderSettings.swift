import RelaisSupport
import MIME

import Foundation

/// Who messages come from and which languages members read.
public struct SenderSettings: Sendable {
    /// The display name of the From: mailbox, if any.
    public var fromName: String?
    /// The From: address.
    public var fromAddress: EmailAddress
    /// The Reply-To: address, if replies go elsewhere.
    public var replyTo: EmailAddress?
    /// The association's name, shown in messages.
    public var organization: String
    /// The language used when a member's has no template.
    public var defaultLocale: String
    /// The languages members may choose.
    public var locales: [String]
    /// Contains `{token}`; nil disables List-Unsubscribe.
    public var unsubscribeURL: String?
    /// `sender.unsubscribe_mailto` (`unsubscribe+{token}@example.org`): adds a `mailto:` URI to
    /// List-Unsubscribe, whose token names the message and the list; nil: no mailto.
    public var unsubscribeMailto: String? = nil
    /// `web.base_url`: members' links (one-click unsubscribe, preferences, RSVP) point to relaisd's
    /// web endpoint there; when set, it builds List-Unsubscribe instead of ``unsubscribeURL``.
    public var webBaseURL: String?
    /// Greetings and register the `_common` files choose (`{{#wording.feminine}}`): `neutral` or `feminine`.
    public var wording: String = "neutral"
    /// The DKIM keys that sign messages; nil: messages are not signed.
    public var dkim: DKIMSettings? = nil

    /// The values `sender.wording` accepts.
    public static let wordings = ["neutral", "feminine"]
}

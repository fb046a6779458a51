import Foundation

/// One change a member (or an operator, or a complaint) made to her subscriptions or language.
public struct MemberChange: Sendable, Hashable, Codable {
    /// Who made it.
    public enum Source: String, Sendable, Codable {
        /// The member, on her web pages.
        case web
        /// An operator, with relaisctl.
        case cli
        /// A complaint (spam report) from her mailbox provider.
        case complaint
        /// She wrote to the `mailto:` unsubscribe address.
        case mail
        /// Her mailbox provider returned messages (DSN): the address does not work.
        case bounce
    }

    /// What changed.
    public enum Kind: String, Sendable, Codable {
        /// She left one list.
        case leftList = "left-list"
        /// She came back to one list.
        case rejoinedList = "rejoined-list"
        /// She left everything.
        case leftEverything = "left-everything"
        /// She came back after leaving everything.
        case rejoinedEverything = "rejoined-everything"
        /// She changed her language (`detail` says from and to).
        case language
        /// Her address was marked bounced (`detail` gives the DSN status).
        case bounced
    }

    /// When.
    public var at: Date
    /// Who.
    public var source: Source
    /// What.
    public var change: Kind
    /// The list, for list changes.
    public var list: String?
    /// More, for a language change: `fr → de`.
    public var detail: String?

    /// A change; see the properties.
    public init(at: Date, source: Source, change: Kind, list: String? = nil, detail: String? = nil) {
        self.at = at
        self.source = source
        self.change = change
        self.list = list
        self.detail = detail
    }
}

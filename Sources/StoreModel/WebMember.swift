import Foundation

/// A member as her own pages see her: who she is and the lists she is or was on.
public struct WebMember: Sendable, Hashable {
    /// One list she is or was on.
    public struct ListEntry: Sendable, Hashable {
        /// The list's id (what links name).
        public var id: Int64
        /// The list's name.
        public var name: String
        /// False once she left it.
        public var subscribed: Bool

        /// A value with every field given.
        public init(id: Int64, name: String, subscribed: Bool) {
            self.id = id
            self.name = name
            self.subscribed = subscribed
        }
    }

    /// Her id.
    public var id: Int64
    /// Her address.
    public var email: String
    /// Her name.
    public var name: String
    /// Her language: `fr-BE`.
    public var locale: String
    /// `active`, `unsubscribed` or `bounced`.
    public var status: String
    /// Her lists, by name.
    public var lists: [ListEntry]

    /// A value with every field given.
    public init(id: Int64, email: String, name: String, locale: String, status: String, lists: [ListEntry]) {
        self.id = id
        self.email = email
        self.name = name
        self.locale = locale
        self.status = status
        self.lists = lists
    }
}

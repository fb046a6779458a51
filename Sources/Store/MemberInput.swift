/// A validated member to add or update, as `member add` and `member import` produce it.
public struct MemberInput: Sendable, Hashable {
    public var email: String
    public var name: String
    public var locale: String
    /// Lists she should be on; missing lists are created.
    public var lists: [String]

    public init(email: String, name: String, locale: String, lists: [String]) {
        self.email = email
        self.name = name
        self.locale = locale
        self.lists = lists
    }
}

/// What an upsert of members changed.
public struct MemberUpsertSummary: Sendable, Hashable, Codable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0

    public init() {}
}

/// A member with the lists she is subscribed to.
public struct MemberListing: Sendable, Hashable {
    public var member: MemberRecord
    /// Lists she is subscribed to, sorted.
    public var lists: [String]
    /// Lists she left, sorted.
    public var unsubscribedLists: [String]
}

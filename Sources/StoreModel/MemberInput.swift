/// A validated member to add or update, as `member add` and `member import` produce it.
public struct MemberInput: Sendable, Hashable {
    /// Her normalized address.
    public var email: String
    /// Her name as she writes it.
    public var name: String
    /// Her language, a configured locale or a regional variant of one.
    public var locale: String
    /// Lists she should be on; missing lists are created.
    public var lists: [String]

    /// A member to write.
    public init(email: String, name: String, locale: String, lists: [String]) {
        self.email = email
        self.name = name
        self.locale = locale
        self.lists = lists
    }
}

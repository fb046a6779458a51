/// A member with the lists she is subscribed to.
public struct MemberListing: Sendable, Hashable {
    /// The member's row.
    public var member: Stored<Member>
    /// Lists she is subscribed to, sorted.
    public var lists: [String]
    /// Lists she left, sorted.
    public var unsubscribedLists: [String]

    /// A value with every field given.
    public init(member: Stored<Member>, lists: [String], unsubscribedLists: [String]) {
        self.member = member
        self.lists = lists
        self.unsubscribedLists = unsubscribedLists
    }
}

/// A member with the lists she is subscribed to.
public struct MemberListing: Sendable, Hashable {
    /// The member's row.
    public var member: MemberRecord
    /// Lists she is subscribed to, sorted.
    public var lists: [String]
    /// Lists she left, sorted.
    public var unsubscribedLists: [String]
}

/// A member as the reminder planner sees her: an active member and the lists she is subscribed to.
public struct PlannerMember: Sendable, Hashable {
    /// Her database id (part of the idempotency key).
    public var id: Int64
    /// Her address.
    public var email: String
    /// Her name.
    public var name: String
    /// Her locale (`fr-BE`).
    public var locale: String
    /// The lists she is subscribed to (matched case-insensitively).
    public var lists: Set<String>

    /// A member; pass only active members, with only the lists she is still subscribed to.
    public init(id: Int64, email: String, name: String, locale: String, lists: Set<String>) {
        self.id = id
        self.email = email
        self.name = name
        self.locale = locale
        self.lists = lists
    }
}

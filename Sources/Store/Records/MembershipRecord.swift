import Foundation
import GRDB

/// A member's subscription to a list: one row of `membership`.
struct MembershipRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "membership"

    /// Column names of `membership`.
    enum Columns {
        public static let memberId = Column(CodingKeys.memberId)
        public static let listId = Column(CodingKeys.listId)
        public static let subscribed = Column(CodingKeys.subscribed)
    }

    /// The member.
    var memberId: Int64
    /// The list.
    var listId: Int64
    /// False once she unsubscribed from this list; the row stays so a re-import does not resubscribe her.
    var subscribed: Bool
    /// When she subscribed or unsubscribed.
    var changedAt: Date

    /// A subscription of member `memberId` to list `listId`.
    init(memberId: Int64, listId: Int64, subscribed: Bool = true, now: Date = Date()) {
        self.memberId = memberId
        self.listId = listId
        self.subscribed = subscribed
        self.changedAt = now
    }
}

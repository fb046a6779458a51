import GRDB
import StoreModel

/// A row of `queue`: a ``QueueMessage`` with its id.
struct QueueRow: StoredRow {
    static let databaseTableName = "queue"

    /// Column names of `queue`.
    enum Columns {
        static let id = Column("id")
        static let state = Column("state")
        static let dueAt = Column("dueAt")
        static let nextAttemptAt = Column("nextAttemptAt")
        static let leaseOwner = Column("leaseOwner")
        static let leaseExpiresAt = Column("leaseExpiresAt")
    }

    /// The row id; nil only before the insert.
    var id: Int64?
    /// The message.
    var value: QueueMessage

    init(id: Int64?, value: QueueMessage) {
        self.id = id
        self.value = value
    }
}

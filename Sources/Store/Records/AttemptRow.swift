import GRDB
import StoreModel

/// A row of `attempt`: an ``Attempt`` with its id.
struct AttemptRow: StoredRow {
    static let databaseTableName = "attempt"

    /// Column names of `attempt`.
    enum Columns {
        static let id = Column("id")
        static let queueId = Column("queueId")
    }

    /// The row id; nil only before the insert.
    var id: Int64?
    /// The attempt.
    var value: Attempt

    init(id: Int64?, value: Attempt) {
        self.id = id
        self.value = value
    }
}

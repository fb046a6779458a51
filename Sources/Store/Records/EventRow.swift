import GRDB
import StoreModel

/// A row of `event`: an ``Event`` with its id.
struct EventRow: StoredRow {
    static let databaseTableName = "event"

    /// Column names of `event`.
    enum Columns {
        static let id = Column("id")
        static let cancelled = Column("cancelled")
    }

    /// The row id; nil only before the insert.
    var id: Int64?
    /// The event.
    var value: Event

    init(id: Int64?, value: Event) {
        self.id = id
        self.value = value
    }
}

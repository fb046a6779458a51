import GRDB
import StoreModel

/// A row of `announcement`: an ``Announcement`` with its id.
struct AnnouncementRow: StoredRow {
    static let databaseTableName = "announcement"

    /// Column names of `announcement`.
    enum Columns {
        static let id = Column("id")
        static let state = Column("state")
        static let dueAt = Column("dueAt")
        static let eventId = Column("eventId")
    }

    /// The row id; nil only before the insert.
    var id: Int64?
    /// The announcement.
    var value: Announcement

    init(id: Int64?, value: Announcement) {
        self.id = id
        self.value = value
    }
}

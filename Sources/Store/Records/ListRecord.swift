import Foundation
import GRDB

/// A mailing list (`mompreneurs-be`, `werein-partners`): one row of `list`.
struct ListRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "list"

    /// Column names of `list`.
    enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
    }

    /// The row id; nil until inserted.
    var id: Int64?
    /// The list's unique name: `brussels-breakfast`.
    var name: String
    /// When it was created.
    var createdAt: Date

    /// A new list called `name`.
    init(name: String, now: Date = Date()) {
        self.name = name
        self.createdAt = now
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

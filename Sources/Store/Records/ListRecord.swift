import Foundation
import GRDB

/// A mailing list (`mompreneurs-be`, `werein-partners`): one row of `list`.
public struct ListRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "list"

    /// Column names of `list`.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
    }

    /// The row id; nil until inserted.
    public var id: Int64?
    /// The list's unique name: `brussels-breakfast`.
    public var name: String
    /// When it was created.
    public var createdAt: Date

    /// A new list called `name`.
    public init(name: String, now: Date = Date()) {
        self.name = name
        self.createdAt = now
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

import Foundation
import GRDB

/// A member of the association: one row of `member`.
public struct MemberRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    /// Whether Relais may write to a member at all.
    public enum Status: String, Codable, Sendable, DatabaseValueConvertible {
        /// Receives what her lists receive.
        case active
        /// Asked to receive nothing.
        case unsubscribed
        /// Her address was refused permanently ("no such user"); she is not mailed again.
        case bounced
    }

    public static let databaseTableName = "member"

    /// Column names of `member`.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let email = Column(CodingKeys.email)
        public static let name = Column(CodingKeys.name)
        public static let locale = Column(CodingKeys.locale)
        public static let status = Column(CodingKeys.status)
        public static let unsubscribeToken = Column(CodingKeys.unsubscribeToken)
    }

    /// The row id; nil until inserted.
    public var id: Int64?
    /// Her normalized address; unique.
    public var email: String
    /// Her name as she writes it.
    public var name: String
    /// Her language: `fr-BE`.
    public var locale: String
    /// Whether Relais may write to her.
    public var status: Status
    /// An unguessable token for her unsubscribe link.
    public var unsubscribeToken: String
    /// The reply that made the address bounce, when it did.
    public var bounceReply: String?
    /// When she was added.
    public var createdAt: Date
    /// When her row last changed.
    public var updatedAt: Date

    /// An active member with a fresh unsubscribe token.
    public init(email: String, name: String, locale: String, now: Date = Date()) {
        self.email = email
        self.name = name
        self.locale = locale
        self.status = .active
        self.unsubscribeToken = Self.makeToken()
        self.createdAt = now
        self.updatedAt = now
    }

    /// Decodes a row by column name, without Codable's overhead (announcements read 100,000 of them).
    public init(row: Row) throws {
        id = row[Columns.id]
        email = row[Columns.email]
        name = row[Columns.name]
        locale = row[Columns.locale]
        status = try Status(rawValue: row[Columns.status]) ?? { throw StoreError(.database, "member has an unknown status") }()
        unsubscribeToken = row[Columns.unsubscribeToken]
        bounceReply = row[CodingKeys.bounceReply.stringValue]
        createdAt = row[CodingKeys.createdAt.stringValue]
        updatedAt = row[CodingKeys.updatedAt.stringValue]
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// 128 random bits, hex.
    static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator)) }.joined()
    }
}

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

    public var id: Int64?
    public var email: String
    public var name: String
    public var locale: String
    public var status: Status
    /// An unguessable token for her unsubscribe link.
    public var unsubscribeToken: String
    /// The reply that made the address bounce, when it did.
    public var bounceReply: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(email: String, name: String, locale: String, now: Date = Date()) {
        self.email = email
        self.name = name
        self.locale = locale
        self.status = .active
        self.unsubscribeToken = Self.makeToken()
        self.createdAt = now
        self.updatedAt = now
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

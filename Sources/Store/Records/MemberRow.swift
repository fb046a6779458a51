import GRDB
import StoreModel

/// A row of `member`: a ``Member`` with her id.
struct MemberRow: StoredRow {
    static let databaseTableName = "member"

    /// Column names of `member`.
    enum Columns {
        static let id = Column("id")
        static let email = Column("email")
        static let status = Column("status")
    }

    /// The row id; nil only before the insert.
    var id: Int64?
    /// The member.
    var value: Member

    init(id: Int64?, value: Member) {
        self.id = id
        self.value = value
    }

    /// Decodes a row by column name, without Codable's overhead (announcements read 100,000 of them).
    init(row: Row) throws {
        id = row["id"]
        guard let status = Member.Status(rawValue: row["status"]) else { throw StoreError(.database, "member has an unknown status") }
        value = Member(
            email: row["email"], name: row["name"], locale: row["locale"], status: status,
            unsubscribeToken: row["unsubscribeToken"], bounceReply: row["bounceReply"],
            createdAt: row["createdAt"], updatedAt: row["updatedAt"])
    }
}

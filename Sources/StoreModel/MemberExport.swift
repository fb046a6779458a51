import Foundation

/// Everything the database holds about one member (GDPR art. 15): each table's rows that
/// refer to her, column by column.
public struct MemberExport: Sendable, Encodable {
    /// One stored value.
    public enum Value: Sendable, Encodable, Equatable {
        /// SQL NULL.
        case null
        /// An integer (ids, counts, flags).
        case integer(Int64)
        /// A real number.
        case real(Double)
        /// Text (dates are stored as text).
        case text(String)
        /// A blob, shown as UTF-8 text when it is some, else by its size.
        case blob(String)

        /// Encodes as the JSON value itself.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .integer(let value): try container.encode(value)
            case .real(let value): try container.encode(value)
            case .text(let value), .blob(let value): try container.encode(value)
            }
        }
    }

    /// Her address, as stored.
    public var email: String
    /// Table name → rows (column → value), in a stable order.
    public var tables: [String: [[String: Value]]]

    /// Her tables' rows.
    public init(email: String, tables: [String: [[String: Value]]]) {
        self.email = email
        self.tables = tables
    }

    /// How many rows in all.
    public var rowCount: Int { tables.values.reduce(0) { $0 + $1.count } }
}

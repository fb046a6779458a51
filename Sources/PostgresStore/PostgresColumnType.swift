import PostgresNIO
import StoreModel

/// The type of a target column, as a store copy fills it: which SQLite storage values it takes
/// and how each is converted and bound.
///
/// | column type | takes | how |
/// | --- | --- | --- |
/// | `bigint`, `integer`, `smallint` | integers | cast to the column's width on the server (an overflow is the row's error) |
/// | `boolean` | integers | 0 is false, anything else true, as GRDB reads them |
/// | `timestamp with time zone` | text `yyyy-MM-dd HH:mm:ss.SSS` (GRDB's, in UTC; seconds and fraction optional, `T` allowed) | read as UTC by the server |
/// | `jsonb`, `json` | text | parsed by the server (invalid JSON is the row's error) |
/// | `bytea` | blobs; text as its UTF-8 bytes | as is |
/// | `text` | text; integers as their decimal digits | as is |
/// | `double precision`, `real` | reals and integers | as is |
///
/// NULL goes in as NULL (a NOT NULL column refuses it). Any other pairing is refused before
/// anything is sent, naming the column.
enum PostgresColumnType: Sendable, Hashable {
    case integer(String)
    case boolean
    case timestamp
    case json(String)
    case bytes
    case text
    case real(String)

    /// The type for information_schema's `data_type`, or nil when a copy cannot fill it.
    init?(dataType: String) {
        switch dataType {
        case "bigint", "integer", "smallint": self = .integer(dataType)
        case "boolean": self = .boolean
        case "timestamp with time zone": self = .timestamp
        case "jsonb", "json": self = .json(dataType)
        case "bytea": self = .bytes
        case "text", "character varying": self = .text
        case "double precision", "real": self = .real(dataType)
        default: return nil
        }
    }

    /// The SQL expression for parameter `index` (`$3::integer`), converting what is bound.
    func placeholder(_ index: Int) -> String {
        switch self {
        case .integer(let name), .json(let name), .real(let name): "$\(index)::\(name)"
        case .boolean: "$\(index)::boolean"
        case .timestamp: "($\(index)::timestamp AT TIME ZONE 'UTC')"
        case .bytes: "$\(index)::bytea"
        case .text: "$\(index)::text"
        }
    }

    /// Why a value does not fit a column: what the column takes (`a date as yyyy-MM-dd HH:mm:ss.SSS`).
    struct Mismatch: Error {
        let expected: String
        let found: String
    }

    /// Binds `value` for a column of this type, or throws what the column takes and what it got.
    func bind(_ value: StoreValue, to bindings: inout PostgresBindings) throws(Mismatch) {
        switch (self, value) {
        case (_, .null):
            bindings.appendNull()
        case (.integer, .integer(let number)):
            bindings.append(number)
        case (.boolean, .integer(let number)):
            bindings.append(number != 0)
        case (.timestamp, .text(let text)) where Self.isStoredDate(text):
            bindings.append(text)
        case (.json, .text(let text)), (.text, .text(let text)):
            bindings.append(text)
        case (.text, .integer(let number)):
            bindings.append(String(number))
        case (.bytes, .blob(let bytes)):
            bindings.append(ByteBuffer(bytes: bytes))
        case (.bytes, .text(let text)):
            bindings.append(ByteBuffer(string: text))
        case (.real, .real(let number)):
            bindings.append(number)
        case (.real, .integer(let number)):
            bindings.append(Double(number))
        default:
            throw Mismatch(expected: expected, found: Self.kind(of: value))
        }
    }

    /// What a column of this type takes, for messages.
    var expected: String {
        switch self {
        case .integer: "an integer"
        case .boolean: "a flag (an integer, 0 or 1)"
        case .timestamp: "a date as text, yyyy-MM-dd HH:mm:ss.SSS in UTC"
        case .json: "JSON text"
        case .bytes: "a blob"
        case .text: "text"
        case .real: "a number"
        }
    }

    /// The storage class of `value`, for messages (never the value: it may be personal data).
    static func kind(of value: StoreValue) -> String {
        switch value {
        case .null: "null"
        case .integer: "an integer"
        case .real: "a real number"
        case .text: "text of another form"
        case .blob(let bytes): "a blob of \(bytes.count) bytes"
        }
    }

    /// True for `yyyy-MM-dd`, optionally followed by ` HH:mm`, `:ss` and `.` with 1 to 6
    /// digits (a `T` may replace the space): the forms GRDB reads as a date, all in UTC.
    static func isStoredDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= bytes.count && range.allSatisfy { bytes[$0] >= UInt8(ascii: "0") && bytes[$0] <= UInt8(ascii: "9") }
        }
        func byte(_ index: Int, _ expected: Unicode.Scalar...) -> Bool {
            index < bytes.count && expected.contains { bytes[index] == UInt8(ascii: $0) }
        }
        guard digits(0..<4), byte(4, "-"), digits(5..<7), byte(7, "-"), digits(8..<10) else { return false }
        if bytes.count == 10 { return true }
        guard byte(10, " ", "T"), digits(11..<13), byte(13, ":"), digits(14..<16) else { return false }
        if bytes.count == 16 { return true }
        guard byte(16, ":"), digits(17..<19) else { return false }
        if bytes.count == 19 { return true }
        guard byte(19, "."), (21...26).contains(bytes.count), digits(20..<bytes.count) else { return false }
        return true
    }
}

/// One table of a store as a copy reads it: its name, its columns in order, its primary key, and
/// how many rows the snapshot holds.
public struct StoreTable: Sendable, Hashable {
    /// The table's name (`member`, `memberChange`).
    public var name: String
    /// Its columns, in the order each row's values come.
    public var columns: [String]
    /// The columns of its primary key, in key order (empty when it has none).
    public var primaryKey: [String]
    /// How many rows the snapshot holds.
    public var rowCount: Int
    /// The last id the table handed out (SQLite's `sqlite_sequence`), when it keeps one: above
    /// its rows' ids when the last ones were deleted. A copy's sequences continue past it, so an
    /// id is never given twice (old queue rows keep idempotency keys made from member ids).
    public var lastIssuedId: Int64?

    /// A table named `name` with `columns`, keyed by `primaryKey`, holding `rowCount` rows, whose
    /// last id handed out was `lastIssuedId`.
    public init(name: String, columns: [String], primaryKey: [String], rowCount: Int, lastIssuedId: Int64? = nil) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.rowCount = rowCount
        self.lastIssuedId = lastIssuedId
    }

    /// Tables a copy leaves out because they are daemon state, not data: `heartbeat` says which
    /// daemon is alive (SQLite keeps one row, PostgreSQL one per daemon instance); the daemons
    /// started on the target write their own. `sendLimit` and `sendGrant` exist on PostgreSQL
    /// only: the sending limits its daemons share (SQLite's one daemon starts its own from the
    /// attempts ledger, which is copied). Both ends of a copy read this one list.
    public static let notCopied: Set<String> = ["heartbeat", "sendLimit", "sendGrant"]

    /// How a row is named in a message: `row 12` by its `id`, else by its key
    /// (`row (memberId 3, listId 2)`), else by nothing but the table.
    public func describeRow(_ values: [StoreValue]) -> String {
        func shown(_ column: String) -> String? {
            guard let index = columns.firstIndex(of: column), index < values.count else { return nil }
            switch values[index] {
            case .null: return "null"
            case .integer(let number): return String(number)
            case .real(let number): return String(number)
            case .text(let text): return text.count > 40 ? String(text.prefix(40)) + "…" : text
            case .blob(let bytes): return "(\(bytes.count) bytes)"
            }
        }
        if primaryKey == ["id"] || (primaryKey.isEmpty && columns.contains("id")), let id = shown("id") {
            return "row \(id)"
        }
        let key = primaryKey.compactMap { column in shown(column).map { "\(column) \($0)" } }
        return key.isEmpty ? "a row" : "row (\(key.joined(separator: ", ")))"
    }
}

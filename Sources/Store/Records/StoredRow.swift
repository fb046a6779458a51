import GRDB
import StoreModel

/// A GRDB record over one of the store's values: the table's row id and the value, whose
/// coding keys are the table's other columns. The records stay inside `Store`; what leaves it
/// is the value, or `Stored<Value>` once it has an id.
protocol StoredRow: Codable, FetchableRecord, MutablePersistableRecord {
    /// The value the row holds.
    associatedtype Value: Codable & Sendable
    /// The row id; nil only before the insert.
    var id: Int64? { get set }
    /// What the row holds.
    var value: Value { get set }
    /// A row for `value`, stored under `id` when given.
    init(id: Int64?, value: Value)
}

/// The one coding key a ``StoredRow`` adds to its value's.
private enum RowIDKey: String, CodingKey {
    case id
}

extension StoredRow {
    /// A row for a value that was stored under `stored.id`.
    init(_ stored: Stored<Value>) {
        self.init(id: stored.id, value: stored.value)
    }

    init(from decoder: any Decoder) throws {
        let id = try decoder.container(keyedBy: RowIDKey.self).decode(Int64.self, forKey: .id)
        self.init(id: id, value: try Value(from: decoder))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RowIDKey.self)
        try container.encodeIfPresent(id, forKey: .id)
        try value.encode(to: encoder)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Every record writes its dates as ``StoredDate`` text: the bytes GRDB's own strategy
    /// writes, without an ICU date formatter per value (queueing 100,000 rows formats 400,000 dates).
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }

    /// The value with its id. A row read from its table always has one (the column is the
    /// table's INTEGER PRIMARY KEY); so does a row just inserted.
    var stored: Stored<Value> {
        guard let id else { preconditionFailure("\(Self.databaseTableName): a stored row without an id") }
        return Stored(id: id, value)
    }

    /// Inserts `value`; returns it with its new id.
    static func insert(_ value: Value, _ db: Database) throws -> Stored<Value> {
        var row = Self(id: nil, value: value)
        try row.insert(db)
        return row.stored
    }
}

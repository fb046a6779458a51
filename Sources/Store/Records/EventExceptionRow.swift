import GRDB
import StoreModel

/// A row of `eventException` (keyed by event and original occurrence): an ``EventException``.
struct EventExceptionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "eventException"

    /// Column names of `eventException`.
    enum Columns {
        static let eventId = Column("eventId")
        static let occurrence = Column("occurrence")
    }

    /// The exception.
    var value: EventException

    init(_ value: EventException) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        value = try EventException(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }

    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }
}

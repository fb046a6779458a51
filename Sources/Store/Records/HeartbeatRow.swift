import GRDB
import StoreModel

/// The single row of `heartbeat` (id 1): what the running daemon says about itself.
struct HeartbeatRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "heartbeat"

    private enum IDKey: String, CodingKey {
        case id
    }

    /// The heartbeat.
    var value: Heartbeat

    init(_ value: Heartbeat) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        value = try Heartbeat(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: IDKey.self)
        try container.encode(1, forKey: .id)
        try value.encode(to: encoder)
    }

    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }
}

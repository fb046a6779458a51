import GRDB

/// Every record writes its dates as ``StoredDate`` text: the bytes GRDB's own strategy writes,
/// without an ICU date formatter per value (queueing 100,000 rows formats 400,000 dates).
extension DatabaseDateEncodingStrategy {
    static let storedText = DatabaseDateEncodingStrategy.custom { StoredDate($0) }
}

extension ListRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }
}

extension MembershipRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }
}

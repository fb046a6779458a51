import GRDB

/// Every record writes its dates as ``StoredDate`` text: the bytes GRDB's own strategy writes,
/// without an ICU date formatter per value (queueing 100,000 rows formats 400,000 dates).
extension DatabaseDateEncodingStrategy {
    static let storedText = DatabaseDateEncodingStrategy.custom { StoredDate($0) }
}

extension AnnouncementRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }
}

extension AttemptRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }
}

extension EventExceptionRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }
}

extension EventRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }
}

extension HeartbeatRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }
}

extension ListRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }
}

extension MemberRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }
}

extension MembershipRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }
}

extension QueueRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .storedText }
}

/// One stored value as a copy between backends carries it: SQLite's five storage classes,
/// nothing database-specific. What a value means (a date, a flag, JSON) is the target column's
/// business: the importer converts by the type it finds there.
public enum StoreValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A 64-bit integer (ids, counts, flags as 0 or 1).
    case integer(Int64)
    /// A double.
    case real(Double)
    /// Text (dates as `yyyy-MM-dd HH:mm:ss.SSS` UTC, JSON lists and objects).
    case text(String)
    /// Bytes (payloads, message bodies, secrets).
    case blob([UInt8])

    /// Roughly how many bytes the value holds, to bound a batch's memory.
    public var size: Int {
        switch self {
        case .null: 1
        case .integer, .real: 8
        case .text(let text): text.utf8.count
        case .blob(let bytes): bytes.count
        }
    }
}

import CivilTime
import Foundation
import GRDB
import StoreModel

/// A date as the store keeps it: GRDB's text form, `yyyy-MM-dd HH:mm:ss.SSS` in UTC, to the
/// nearest millisecond, made without a `DateFormatter`.
///
/// GRDB turns every `Date` argument into that text through an ICU date formatter, which costs
/// more than the rest of a queue update; the delivery hot paths (claim, record) bind these
/// instead. The text is the same byte for byte (a test compares them), so SQL comparisons with
/// dates written either way stay exact.
struct StoredDate: DatabaseValueConvertible, Sendable {
    let text: String

    init(_ date: Date) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = CivilCalendar.floorDiv(milliseconds, 1000)
        let millisecond = Int(milliseconds - seconds * 1000)
        let civil = CivilCalendar.civil(seconds: seconds)
        let second = civil.secondOfDay
        var bytes = [UInt8](repeating: 0, count: 23)
        func put(_ value: Int, at offset: Int, width: Int) {
            var value = value
            for index in stride(from: offset + width - 1, through: offset, by: -1) {
                bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(civil.year, at: 0, width: 4)
        put(civil.month, at: 5, width: 2)
        put(civil.day, at: 8, width: 2)
        put(second / 3600, at: 11, width: 2)
        put(second / 60 % 60, at: 14, width: 2)
        put(second % 60, at: 17, width: 2)
        put(millisecond, at: 20, width: 3)
        for (offset, separator) in [(4, "-"), (7, "-"), (10, " "), (13, ":"), (16, ":"), (19, ".")] as [(Int, Unicode.Scalar)] {
            bytes[offset] = UInt8(ascii: separator)
        }
        self.text = String(decoding: bytes, as: UTF8.self)
    }

    var databaseValue: DatabaseValue { text.databaseValue }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredDate? {
        String.fromDatabaseValue(dbValue).map { StoredDate(text: $0) }
    }

    private init(text: String) {
        self.text = text
    }
}

import Foundation
import GRDB
import RelaisTestSupport
import Testing

@testable import Store

/// ``StoredDate`` must write exactly what GRDB writes for a `Date` (its DateFormatter is the
/// oracle), or SQL comparisons between dates written both ways would drift.
@Suite struct StoredDateTests {
    @Test func matchesGRDBsTextForRandomDates() {
        var random = SplitMix64(state: 0x5EED_DA7E)
        // 1900 to 2200, with sub-millisecond parts, and the edges of a millisecond.
        var dates = (0..<5_000).map { _ in
            Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...7_258_118_400, using: &random))
        }
        dates += [0, 0.0009, 0.001, -0.0001, -0.001, 86_399.9995, 951_782_400.5 /* 2000-02-29 */, 4_107_542_399.999]
            .map { Date(timeIntervalSince1970: $0) }
        for date in dates {
            let expected = String.fromDatabaseValue(date.databaseValue)
            #expect(StoredDate(date).text == expected, "\(date.timeIntervalSince1970)")
        }
    }

    /// Records write their dates through ``StoredDate``: a row written by a record and one written
    /// with a plain `Date` argument hold the same text.
    @Test func recordsWriteTheSameTextAsADateArgument() throws {
        let directory = TemporaryDirectory()
        let store = try RelaisStore(path: directory.file("relais.sqlite"))
        let now = Date(timeIntervalSince1970: 1_780_000_000.123_456)
        _ = try store.enqueue([QueueMessage(
            idempotencyKey: "k", kind: "announcement", source: "announcement:1", memberId: nil, recipient: "a@example.org",
            recipientName: "A", locale: "fr", template: "newsletter", payload: nil, dueAt: now, notAfter: nil,
            messageId: "<k@relais.test>", now: now)])
        let stored = try store.read { db in try String.fetchOne(db, sql: "SELECT dueAt FROM queue") }
        #expect(stored == String.fromDatabaseValue(now.databaseValue))
        #expect(stored == "2026-05-28 20:26:40.123")
    }
}

import Foundation
import Testing
@testable import relaisctl

/// The CLI's own presentation helpers, tested in-process.
struct PresentationTests {
    @Test func wallClockText() throws {
        let zone = TimeZone(identifier: "Europe/Brussels")!
        #expect(WallClockText.describe(Date(timeIntervalSince1970: 1_772_523_000), in: zone) == "Tue 2026-03-03 08:30 +01:00")
        #expect(WallClockText.describe(Date(timeIntervalSince1970: 1_772_523_015), in: zone) == "Tue 2026-03-03 08:30:15 +01:00")
        #expect(WallClockText.utcOffset(-18_000) == "-05:00")
        #expect(WallClockText.utcOffset(20_700) == "+05:45")
    }
}

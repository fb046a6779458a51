import Foundation
@testable import RelaisWeb
import Testing

/// The bad-token limiter's window, per client.
@Suite struct BadTokenLimiterTests {
    @Test func aClientIsLimitedAfterTheThresholdUntilItsOldestBadRequestLeavesTheWindow() {
        let limiter = BadTokenLimiter(limit: 3, window: 60)
        let start = Date(timeIntervalSince1970: 1_000_000)
        for second in 0..<3 {
            #expect(limiter.retryAfter(client: "a", now: start.addingTimeInterval(Double(second))) == nil)
            limiter.recordBad(client: "a", now: start.addingTimeInterval(Double(second)))
        }
        #expect(limiter.retryAfter(client: "a", now: start.addingTimeInterval(10)) == 50)
        #expect(limiter.retryAfter(client: "b", now: start.addingTimeInterval(10)) == nil)
        // At 60 s the first bad request leaves the window: two remain, below the limit.
        #expect(limiter.retryAfter(client: "a", now: start.addingTimeInterval(60)) == nil)
    }

    @Test func zeroMeansNoLimit() {
        let limiter = BadTokenLimiter(limit: 0, window: 60)
        for _ in 0..<100 { limiter.recordBad(client: "a") }
        #expect(limiter.retryAfter(client: "a") == nil)
    }
}

import Foundation
import SMTP
import Testing

/// The rate limiter with an injected clock: token bucket, hourly and daily windows, restart state.
struct RateLimiterTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Sends as fast as the limiter allows from `start` for `duration` seconds; returns the send times.
    func drive(_ limiter: inout RateLimiter, from start: Date, for duration: TimeInterval) -> [Date] {
        var now = start
        var sent: [Date] = []
        while now < start.addingTimeInterval(duration) {
            if let next = limiter.nextAllowed(now: now) {
                #expect(next > now)
                now = next
                continue
            }
            limiter.record(now: now)
            sent.append(now)
        }
        return sent
    }

    @Test func unlimitedNeverWaits() {
        var limiter = RateLimiter.unlimited
        for _ in 0..<1000 {
            #expect(limiter.nextAllowed(now: t0) == nil)
            limiter.record(now: t0)
        }
    }

    @Test func perSecondSpacesSends() {
        var limiter = RateLimiter(perSecond: 4)
        let sent = drive(&limiter, from: t0, for: 10)
        // One token at the start, then one every 0.25 s: 40 in [t0, t0 + 10).
        #expect(sent.count == 40)
        for (a, b) in zip(sent, sent.dropFirst()) {
            #expect(abs(b.timeIntervalSince(a) - 0.25) < 1e-6)
        }
    }

    @Test func burstAllowsBackToBackThenRefills() {
        var limiter = RateLimiter(perSecond: 2, burst: 5)
        for _ in 0..<5 {
            #expect(limiter.nextAllowed(now: t0) == nil)
            limiter.record(now: t0)
        }
        let next = limiter.nextAllowed(now: t0)
        #expect(next.map { abs($0.timeIntervalSince(t0) - 0.5) < 1e-9 } == true)
        // After 10 s idle the bucket is full again, not 20 tokens.
        let later = t0.addingTimeInterval(10)
        var count = 0
        while limiter.nextAllowed(now: later) == nil {
            limiter.record(now: later)
            count += 1
        }
        #expect(count == 5)
    }

    @Test func hourlyCapWaitsForTheOldestSendToLeaveTheWindow() {
        var limiter = RateLimiter(perSecond: 0, perHour: 3)
        for offset in [0.0, 10, 20] {
            let now = t0.addingTimeInterval(offset)
            #expect(limiter.nextAllowed(now: now) == nil)
            limiter.record(now: now)
        }
        #expect(limiter.nextAllowed(now: t0.addingTimeInterval(30)) == t0.addingTimeInterval(3600))
        #expect(limiter.nextAllowed(now: t0.addingTimeInterval(3600)) == nil)
    }

    @Test func dailyCapCountsSendsFromBeforeARestart() {
        // 100 sends recorded by the previous run over the last 5 hours; the cap is 100 a day.
        let recent = (0..<100).map { t0.addingTimeInterval(-5 * 3600 + Double($0) * 60) }
        let limiter = RateLimiter(perSecond: 10, perHour: nil, perDay: 100, recentSends: recent.shuffled())
        #expect(limiter.sendCount(within: 86_400, now: t0) == 100)
        #expect(limiter.nextAllowed(now: t0) == recent[0].addingTimeInterval(86_400))
    }

    @Test func hourlyAndDailyTogetherOverTwoDays() {
        var limiter = RateLimiter(perSecond: 1, perHour: 10, perDay: 50)
        let sent = drive(&limiter, from: t0, for: 2 * 86_400)
        #expect(sent.count == 100)
        for send in sent {
            let hour = sent.filter { $0 > send.addingTimeInterval(-3600) && $0 <= send }.count
            let day = sent.filter { $0 > send.addingTimeInterval(-86_400) && $0 <= send }.count
            #expect(hour <= 10 && day <= 50)
        }
    }

    @Test func throttlePauseGrowsExponentiallyWithJitterAndCap() {
        let policy = ThrottlePolicy(initial: 30, cap: 900)
        #expect(policy.pause(level: 0, jitter: 0) == 15)
        #expect(policy.pause(level: 0, jitter: 1) == 30)
        #expect(policy.pause(level: 1, jitter: 1) == 60)
        #expect(policy.pause(level: 3, jitter: 0.5) == 180)
        #expect(policy.pause(level: 10, jitter: 1) == 900)
        #expect(policy.pause(level: 100, jitter: 1) == 900)
    }
}

import RelaisSettings
import RelaisSupport
import Foundation

/// When a deferred message is tried again: `first`, doubling at each attempt, capped at `maxDelay`,
/// with ±10% jitter so that messages deferred together do not come back together; given up after `maxAge`.
public struct RetryPolicy: Sendable {
    /// Delay after the first attempt, in seconds (`delivery.retry.first`, default 5m).
    public let first: TimeInterval
    /// Longest delay between attempts, in seconds (`delivery.retry.max_delay`, default 4h).
    public let maxDelay: TimeInterval
    /// How long after its due time a message is still retried, in seconds (`delivery.retry.max_age`, default 5d).
    public let maxAge: TimeInterval
    /// Returns a number in `0..<1` for the jitter; injectable so tests get fixed delays.
    let random: @Sendable () -> Double

    /// Creates a policy; `random` must return values in `0..<1` (the default is the system generator).
    public init(
        first: TimeInterval, maxDelay: TimeInterval, maxAge: TimeInterval,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.first = max(0, first)
        self.maxDelay = max(self.first, maxDelay)
        self.maxAge = max(0, maxAge)
        self.random = random
    }

    /// The policy in `delivery.retry.*`.
    public init(settings: DeliverySettings, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.init(
            first: settings.retryFirst.timeInterval, maxDelay: settings.retryMaxDelay.timeInterval,
            maxAge: settings.retryMaxAge.timeInterval, random: random)
    }

    /// The delay before the next try, without jitter, after `attempts` counted attempts (1 = the first failed).
    public func baseDelay(attempts: Int) -> TimeInterval {
        let exponent = min(max(attempts - 1, 0), 62)
        let delay = first * pow(2, Double(exponent))
        return min(delay, maxDelay)
    }

    /// `now` + min(first × 2^(attempts−1), maxDelay), ±10% jitter.
    public func nextAttempt(attempts: Int, now: Date) -> Date {
        let unit = min(max(random(), 0), 1)
        let factor = 0.9 + 0.2 * unit
        return now.addingTimeInterval(baseDelay(attempts: attempts) * factor)
    }

    /// True when a message due at `dueAt` has been retried long enough (`now` is `maxAge` or more after it).
    public func isExpired(dueAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(dueAt) >= maxAge
    }
}

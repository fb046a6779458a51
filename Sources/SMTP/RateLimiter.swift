import Foundation

/// Sending limits: a token bucket for messages per second, and sliding-window caps per hour and
/// per day that survive a restart because they start from the sends recorded in the attempts ledger.
///
/// A value type with an injected clock (every call takes `now`): the pool keeps it under its lock.
public struct RateLimiter: Sendable {
    /// Messages per second (0 = unlimited).
    public let perSecond: Double
    /// Messages that may go back to back before `perSecond` spacing applies (at least 1).
    public let burst: Int
    /// Messages per rolling hour (nil or 0 = unlimited).
    public let perHour: Int?
    /// Messages per rolling 24 hours (nil or 0 = unlimited).
    public let perDay: Int?

    var tokens: Double
    var lastRefill: Date?
    /// Send times within the last 24 hours, oldest first, from `head` on.
    var sends: [Date]
    var head = 0

    /// Creates a limiter; `recentSends` are the send times of the last 24 hours read from the ledger.
    public init(perSecond: Double, burst: Int = 1, perHour: Int? = nil, perDay: Int? = nil, recentSends: [Date] = []) {
        self.perSecond = max(0, perSecond)
        self.burst = max(1, burst)
        self.perHour = perHour.flatMap { $0 > 0 ? $0 : nil }
        self.perDay = perDay.flatMap { $0 > 0 ? $0 : nil }
        self.tokens = Double(self.burst)
        self.sends = (self.perHour != nil || self.perDay != nil) ? recentSends.sorted() : []
    }

    /// A limiter that never waits.
    public static let unlimited = RateLimiter(perSecond: 0)

    /// When the next message may be sent: nil if now, otherwise the earliest later instant.
    public func nextAllowed(now: Date) -> Date? {
        var earliest: Date?
        func later(_ date: Date) {
            if date > now, earliest.map({ date > $0 }) ?? true { earliest = date }
        }
        if perSecond > 0 {
            let available = tokensAvailable(now: now)
            if available < 1 { later(now.addingTimeInterval((1 - available) / perSecond)) }
        }
        if let perHour, let oldest = oldestBlocking(limit: perHour, window: 3600, now: now) {
            later(oldest.addingTimeInterval(3600))
        }
        if let perDay, let oldest = oldestBlocking(limit: perDay, window: 86_400, now: now) {
            later(oldest.addingTimeInterval(86_400))
        }
        return earliest
    }

    /// Records a send at `now` (call it when `nextAllowed(now:)` returned nil).
    public mutating func record(now: Date) {
        if perSecond > 0 {
            tokens = tokensAvailable(now: now) - 1
            lastRefill = now
        }
        guard perHour != nil || perDay != nil else { return }
        sends.append(now)
        while head < sends.count, sends[head] <= now.addingTimeInterval(-86_400) { head += 1 }
        if head > 1024 && head * 2 > sends.count {
            sends.removeFirst(head)
            head = 0
        }
    }

    /// Messages sent in the last `window` seconds before `now`.
    public func sendCount(within window: TimeInterval, now: Date) -> Int {
        firstIndex(after: now) - firstIndex(after: now.addingTimeInterval(-window))
    }

    /// Index of the first recorded send later than `date` (binary search; sends are sorted).
    func firstIndex(after date: Date) -> Int {
        var low = head, high = sends.count
        while low < high {
            let mid = (low + high) / 2
            if sends[mid] <= date { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func tokensAvailable(now: Date) -> Double {
        guard let lastRefill else { return tokens }
        let elapsed = max(0, now.timeIntervalSince(lastRefill))
        return min(Double(burst), tokens + elapsed * perSecond)
    }

    /// The send that must leave the window before another is allowed, if the window is full.
    func oldestBlocking(limit: Int, window: TimeInterval, now: Date) -> Date? {
        let end = firstIndex(after: now)
        let start = firstIndex(after: now.addingTimeInterval(-window))
        guard end - start >= limit else { return nil }
        return sends[end - limit]
    }
}

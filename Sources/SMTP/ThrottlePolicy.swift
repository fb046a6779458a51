/// Backoff for a transport the server asked to slow down: exponential from `initial`, capped, with jitter.
public struct ThrottlePolicy: Sendable, Hashable {
    /// First pause, in seconds.
    public var initial: Double
    /// Longest pause, in seconds.
    public var cap: Double

    /// Creates a policy (defaults: 30 s doubling up to 15 min).
    public init(initial: Double = 30, cap: Double = 900) {
        self.initial = initial
        self.cap = cap
    }

    /// The pause after `level` earlier consecutive throttles; `jitter` in 0...1 picks a point in
    /// the upper half of the exponential delay ("equal jitter").
    public func pause(level: Int, jitter: Double) -> Double {
        let exponential = min(cap, initial * Double(1 << min(max(level, 0), 30)))
        return exponential / 2 + exponential / 2 * min(max(jitter, 0), 1)
    }
}

import Foundation

/// The sending limits of one relay (`delivery.smtp.rate`, `per_hour`, `per_day`), as a store that
/// several daemons share keeps them for all of them together.
public struct SendLimits: Sendable, Hashable {
    /// Which relay the limits are for (its URL): daemons sending through the same relay share them.
    public var relay: String
    /// Messages per second (0: unlimited).
    public var perSecond: Double
    /// Messages that may go back to back before `perSecond` spacing applies.
    public var burst: Int
    /// Messages per rolling hour (nil: unlimited).
    public var perHour: Int?
    /// Messages per rolling 24 hours (nil: unlimited).
    public var perDay: Int?

    /// The limits of `relay`.
    public init(relay: String, perSecond: Double, burst: Int, perHour: Int?, perDay: Int?) {
        self.relay = relay
        self.perSecond = max(0, perSecond)
        self.burst = max(1, burst)
        self.perHour = perHour.flatMap { $0 > 0 ? $0 : nil }
        self.perDay = perDay.flatMap { $0 > 0 ? $0 : nil }
    }

    /// No limit at all: nothing to share.
    public var isUnlimited: Bool { perSecond == 0 && perHour == nil && perDay == nil }
}

/// A share of sending limits kept with other daemons: asked before each message.
public protocol SendAllowance: Sendable {
    /// Takes one message's share now; nil when taken, else how many seconds to wait before asking
    /// again. Blocks the calling thread (a connection's thread).
    func take() -> TimeInterval?
}

/// What an operator command (`hold`, `release`, `retry`, `cancel`, `flush`) changed.
public struct QueueChange: Sendable, Hashable {
    /// Rows changed.
    public var changed: [Int64] = []
    /// Rows left alone, with the reason (`12: already sent`).
    public var refused: [String] = []

    /// A change of nothing.
    public init() {}
}

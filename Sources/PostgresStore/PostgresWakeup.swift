/// One "something changed" signal received on a ``PostgresNotifier``'s channel.
public struct PostgresWakeup: Sendable, Hashable {
    /// The text the notifier sent with it (empty for a bare wakeup).
    public let payload: String

    /// A wakeup carrying `payload`.
    public init(payload: String) { self.payload = payload }
}

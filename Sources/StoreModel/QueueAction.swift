/// Operator actions on queue rows, as `postsuper` has them.
public enum QueueAction: String, Sendable, CaseIterable {
    /// Keep from sending until released.
    case hold
    /// Undo a hold.
    case release
    /// Send again now: deferred, failed, unknown or held rows.
    case retry
    /// Never send.
    case cancel

    /// States this action applies to. A `sending` row may be held or cancelled: the daemon drops
    /// it if it has not started it yet; if it had, its outcome is recorded all the same.
    public var fromStates: Set<QueueMessage.State> {
        switch self {
        case .hold: [.scheduled, .queued, .deferred, .sending]
        case .release: [.held]
        case .retry: [.deferred, .failed, .unknown, .held, .skipped]
        case .cancel: [.scheduled, .queued, .deferred, .held, .unknown, .failed, .sending]
        }
    }
}

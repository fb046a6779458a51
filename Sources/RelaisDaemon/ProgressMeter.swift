import Relais
import Synchronization
import Systemd

/// When the daemon last moved: an outcome committed, a pass begun, a deliberate wait (rate
/// limit, relay pause, idle sleep) gone through one more step. Read by the watchdog.
///
/// Lock-protected rather than an actor: workers note progress once per message.
/// Measured on the monotonic clock, so a wall-clock jump neither trips nor hides a stall.
public final class ProgressMeter: Sendable {
    private let last = Mutex<ContinuousClock.Instant>(.now)
    /// How long the daemon may go without progress before the watchdog stops pinging.
    public let stallLimit: Duration

    /// A meter that counts as stalled after `stallLimit` without progress.
    public init(stallLimit: Duration) {
        self.stallLimit = stallLimit
    }

    /// Records progress now.
    public func note() {
        let now = ContinuousClock.now
        last.withLock { $0 = now }
    }

    /// False once ``stallLimit`` has passed without progress.
    public func isMakingProgress() -> Bool {
        let since = last.withLock { $0 }
        return ContinuousClock.now - since < stallLimit
    }
}

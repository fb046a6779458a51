import Relais
import Synchronization
import Systemd

/// The runtime in force, swapped by a reload.
///
/// A delivery pass checks a runtime out and back in; a runtime replaced while a pass uses it
/// is retired, and its transport closed only once that pass is over, so a reload never cuts
/// a message short.
actor RuntimeHolder {
    private(set) var current: DaemonRuntime
    private var generation = 0
    private var users: [Int: Int] = [:]
    private var retired: [Int: DaemonRuntime] = [:]
    /// The generation in force, readable without a hop onto the actor.
    private nonisolated let latest = Mutex(0)
    /// Fired after each replacement, for services that wait for the next reload.
    nonisolated let reloads = ReloadSignal()

    init(_ runtime: DaemonRuntime) {
        current = runtime
    }

    /// The runtime for one pass, and the ticket to give back with ``checkIn(_:)``.
    func checkOut() -> (runtime: DaemonRuntime, ticket: Int) {
        users[generation, default: 0] += 1
        return (current, generation)
    }

    /// Ends a pass; closes the transport of a runtime replaced meanwhile once nobody uses it.
    func checkIn(_ ticket: Int) async {
        let remaining = (users[ticket] ?? 1) - 1
        users[ticket] = remaining > 0 ? remaining : nil
        if remaining <= 0, let old = retired.removeValue(forKey: ticket) {
            await old.transport.shutdown()
        }
    }

    /// False once a reload has replaced the runtime of `ticket`: the pass using it should end
    /// at the next message boundary so the new settings take effect.
    nonisolated func isCurrent(_ ticket: Int) -> Bool {
        latest.withLock { $0 == ticket }
    }

    /// Installs `runtime`; the previous one's transport closes when no pass uses it any more.
    func replace(with runtime: DaemonRuntime) async {
        let old = current
        let oldTicket = generation
        generation += 1
        latest.withLock { $0 = generation }
        current = runtime
        reloads.fire()
        if users[oldTicket, default: 0] == 0 {
            await old.transport.shutdown()
        } else {
            retired[oldTicket] = old
        }
    }
}

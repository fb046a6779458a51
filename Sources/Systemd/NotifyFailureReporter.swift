import Logging
import Synchronization

/// Logs the first failure to notify systemd as a warning and later ones at debug level only,
/// so that a missing socket does not flood the journal every watchdog period.
final class NotifyFailureReporter: Sendable {
    private let reported = Atomic<Bool>(false)

    /// Reports `error`, loudly the first time.
    func report(_ error: SystemdNotifyError, states: [NotifyState], logger: Logger) {
        let first = reported.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged
        let metadata: Logger.Metadata = [
            "relais.systemd.socket": "\(error.socket)",
            "relais.systemd.states": "\(states.map { $0.description.prefix { $0 != "=" } }.joined(separator: ","))",
        ]
        if first {
            logger.warning("\(error) (further failures are logged at debug level)", metadata: metadata)
        } else {
            logger.debug("\(error)", metadata: metadata)
        }
    }
}

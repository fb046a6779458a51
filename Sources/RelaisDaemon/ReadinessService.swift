import Logging
import Relais
import ServiceLifecycle
import Systemd

/// Tells systemd the daemon is ready once the service group runs (signal handlers are
/// installed by then), and logs the start of a graceful shutdown.
struct ReadinessService: Service {
    let logger: Logger
    let message: String
    let notifier: SystemdNotifier

    func run() async throws {
        logger.info("\(message)")
        notifier.ready()
        try? await gracefulShutdown()
    }
}

import Logging
import ServiceLifecycle

/// Pings systemd's watchdog (`WATCHDOG=1`) every half `WatchdogSec=` until graceful shutdown.
///
/// Each ping first asks `isHealthy`; an unhealthy daemon stops pinging, so systemd restarts it.
/// Without a watchdog the service just waits for shutdown, so a `ServiceGroup` keeps running.
public struct WatchdogService: Service {
    private let notifier: SystemdNotifier
    private let logger: Logger
    private let isHealthy: @Sendable () async -> Bool

    /// Creates the service; `isHealthy` decides before each ping whether the daemon still works.
    public init(
        notifier: SystemdNotifier,
        logger: Logger,
        isHealthy: @escaping @Sendable () async -> Bool = { true }
    ) {
        self.notifier = notifier
        self.logger = logger
        self.isHealthy = isHealthy
    }

    /// Pings until graceful shutdown or cancellation, then returns.
    public func run() async throws {
        guard notifier.isEnabled, let period = notifier.watchdogKeepAliveInterval else {
            logger.debug("systemd watchdog not enabled for this process")
            try? await gracefulShutdown()
            return
        }
        logger.debug("systemd watchdog enabled", metadata: ["relais.watchdog.period": "\(period)"])
        await cancelWhenGracefulShutdown { [self] in
            await pingLoop(every: period)
        }
    }

    private func pingLoop(every period: Duration) async {
        while !Task.isCancelled {
            if await isHealthy() {
                notifier.watchdog()
            } else {
                logger.warning("health check failed: not pinging the systemd watchdog")
            }
            do {
                try await Task.sleep(for: period)
            } catch {
                return
            }
        }
    }
}

import Logging
import ServiceLifecycle

/// Announces readiness once the service group runs (signal handlers are installed by then),
/// and the start of a graceful shutdown.
struct ReadinessService: Service {
    let logger: Logger
    let message: String

    func run() async throws {
        logger.info("\(message)")
        try? await gracefulShutdown()
        logger.info("stopping: finishing in-flight work")
    }
}

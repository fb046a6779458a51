import Foundation
import Logging
import ServiceLifecycle
import Store

/// The daemon's entry point: loads the configuration, opens the store and runs the services.
public enum Daemon {
    /// Runs until SIGTERM/SIGINT (or, with `once`, until everything due now is done); returns the exit code.
    public static func main(configPath: String?, once: Bool) async -> Int32 {
        let path = ConfigurationLoader.resolvePath(explicit: configPath)
        let bootstrapLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["RELAIS_LOG_LEVEL"] ?? "info") ?? .info
        LoggingSystem.bootstrap { label in PriorityLogHandler(label: label, level: bootstrapLevel) }
        let logger = Logger(label: "relaisd")
        let configuration: RelaisConfiguration
        do {
            configuration = try await ConfigurationLoader.load(path: path)
            let problems = configuration.environmentProblems()
            if !problems.isEmpty { throw ConfigurationError(path: path, problems: problems) }
        } catch let error as ConfigurationError {
            for line in error.description.split(separator: "\n") { logger.critical("\(line)") }
            return error.exitCode
        } catch {
            logger.critical("\(error)")
            return Sysexits.config
        }
        let store: RelaisStore
        do {
            store = try RelaisStore(path: configuration.storePath)
        } catch {
            logger.critical("\(error.description)")
            return error.exitCode
        }
        let state = DaemonState()
        let heartbeat = HeartbeatService(store: store, state: state, logger: logger)
        if once {
            return 0
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: ReadinessService(
                        logger: logger,
                        message: "relaisd \(RelaisVersion.current) started: configuration \(path), database \(store.path), transport \(configuration.delivery.transport.rawValue)")),
                    .init(service: heartbeat),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch {
            logger.error("stopped with an error: \(error)")
            return Sysexits.software
        }
        logger.info("relaisd stopped")
        return 0
    }
}

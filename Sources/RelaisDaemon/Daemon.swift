import Foundation
import Logging
import Relais
import RelaisWeb
import ServiceLifecycle
import Store
import Synchronization
import Systemd

/// The daemon's entry point: loads the configuration, opens the store and runs the services.
public enum Daemon {
    /// Runs until SIGTERM/SIGINT (or, with `once`, until everything due now is done); returns the exit code.
    public static func main(configPath: String?, once: Bool) async -> Int32 {
        let path = ConfigurationLoader.resolvePath(explicit: configPath)
        let environmentLevel = ProcessInfo.processInfo.environment["RELAIS_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
        let levelBox = LogLevelBox(environmentLevel ?? .info)
        LoggingSystem.bootstrap { label in PriorityLogHandler(label: label, level: levelBox.level) }
        var logger = Logger(label: "relaisd")
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
        if environmentLevel == nil, let level = Logger.Level(rawValue: configuration.logLevel) {
            logger.logLevel = level
        }
        for notice in configuration.notices { logger.notice("\(notice)") }
        for warning in configuration.environmentWarnings() { logger.warning("\(warning)") }
        let backend: DaemonBackend
        do {
            backend = try await DaemonBackend.open(configuration: configuration, logger: logger)
        } catch {
            return refused(error, logger: logger)
        }
        // The store's own services (PostgreSQL's pool and listener) run before anything uses the
        // store and stop after everything else did.
        let daemonLogger = logger
        return await backend.whileRunning {
            await serve(configuration: configuration, path: path, backend: backend, logger: daemonLogger, once: once)
        }
    }

    /// Runs the daemon on an opened store until SIGTERM/SIGINT (or, with `once`, until everything
    /// due now is done); returns the exit code.
    private static func serve(
        configuration: RelaisConfiguration, path: String, backend: DaemonBackend, logger: Logger, once: Bool
    ) async -> Int32 {
        let runtime: DaemonRuntime
        let executor = BlockingExecutor()
        defer { executor.shutdown() }
        do {
            // On the executor: building the transport reads the attempts ledger, a blocking store call.
            runtime = try await executor.run {
                try DaemonRuntime.make(configuration: configuration, store: backend.store, executor: executor, logger: logger)
            }
        } catch {
            return refused(error, logger: logger)
        }
        let notifier = SystemdNotifier(logger: logger)
        let state = DaemonState(stallLimit: stallLimit())
        let holder = RuntimeHolder(runtime)
        let store = backend.store
        // Names this daemon instance's leases and its heartbeat row.
        let instanceId = "relaisd-\(getpid())-\(UInt32.random(in: .min ... .max))"
        let engine = DeliveryEngine(
            store: store, monitor: backend.changes, owner: instanceId, executor: executor, runtime: holder, state: state,
            notifier: notifier, logger: logger, once: once, lease: leaseDuration())
        let started = "relaisd \(RelaisVersion.current) started: configuration \(path), database \(store.location), transport \(describe(configuration.delivery))"
        defer { withExtendedLifetime(backend) {} }
        if once {
            logger.info("\(started) (--once)")
            do {
                try await engine.run()
            } catch {
                logger.error("\(error)")
                return Sysexits.tempFail
            }
            await holder.current.transport.shutdown()
            return 0
        }
        var web: WebService?
        if configuration.web.isListening {
            do {
                web = try WebService(
                    settings: configuration.web, sender: configuration.sender, templatesDirectory: configuration.templatesDirectory,
                    store: backend.store, instanceId: instanceId, executor: executor, heartbeatMaxAge: HeartbeatService.maxAge,
                    logger: logger)
            } catch {
                logger.critical("\(error.description)")
                return Sysexits.config
            }
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: ReadinessService(logger: logger, message: started, notifier: notifier)),
            .init(service: WatchdogService(notifier: notifier, logger: logger) { state.isMakingProgress() }),
            .init(service: HeartbeatService(
                writer: backend.heartbeat, instanceId: instanceId, executor: executor, state: state, logger: logger)),
            .init(service: ReloadService(
                configPath: path, store: store, storeIdentity: configuration.storeIdentity, executor: executor, runtime: holder,
                webPages: web?.pages, notifier: notifier, logger: logger)),
            .init(service: engine),
        ]
        services.append(.init(service: BounceIntakeService(store: backend.store, runtime: holder, logger: logger)))
        // Last in the group, so stopped first: no new answers while the engine finishes.
        if let web { services.append(.init(service: web)) }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // Stopping never outlasts the unit's TimeoutStopSec=60s: in-flight messages get the
        // graceful part to finish; after it the services are cancelled and the connections dropped.
        groupConfiguration.maximumGracefulShutdownDuration = shutdownBound
        groupConfiguration.maximumCancellationDuration = .seconds(5)
        let group = ServiceGroup(configuration: groupConfiguration)
        do {
            try await group.run()
        } catch {
            logger.error("stopped with an error: \(error)")
            return Sysexits.software
        }
        await closeWithin(.seconds(5), holder.current.transport, logger: logger)
        logger.info("relaisd stopped")
        return 0
    }

    /// Logs why the daemon cannot start, in one critical line; returns its exit code (a
    /// ``SysexitsError``'s own, else 70).
    private static func refused(_ error: any Error, logger: Logger) -> Int32 {
        if let error = error as? any SysexitsError {
            logger.critical("\(error.description)")
            return error.exitCode
        }
        logger.critical("\(error)")
        return Sysexits.software
    }

    /// How long in-flight messages may take to finish once SIGTERM came, below the unit's
    /// TimeoutStopSec=60s with room for the cancellation and the connections' closing.
    static let shutdownBound: Duration = .seconds(40)

    /// Closes `transport`, but returns after `bound` whatever it is waiting for (a relay that
    /// stopped answering): the process exits, the kernel drops the connections, and the rows
    /// still leased are queued again at the next start.
    private static func closeWithin(_ bound: Duration, _ transport: any MessageTransport, logger: Logger) async {
        let closed = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let once = Mutex(Optional(continuation))
            let finish: @Sendable (Bool) -> Void = { value in once.withLock { $0.take() }?.resume(returning: value) }
            // Unstructured on purpose: a shutdown stuck in libcurl must not hold this function.
            Task { await transport.shutdown(); finish(true) }
            Task { try? await Task.sleep(for: bound); finish(false) }
        }
        if !closed { logger.warning("the SMTP connections did not close within \(bound); leaving them to the kernel") }
    }

    /// How long the loop may go without progress before the watchdog stops pinging:
    /// `RELAIS_WATCHDOG_STALL` seconds when set (tests shorten it), else 300 s.
    private static func stallLimit() -> Duration {
        guard let text = ProcessInfo.processInfo.environment["RELAIS_WATCHDOG_STALL"], let seconds = Double(text), seconds > 0 else {
            return DaemonState.defaultStallLimit
        }
        return .milliseconds(Int(seconds * 1000))
    }

    /// How long claims last: `RELAIS_LEASE` seconds when set (tests of a daemon's death shorten
    /// it, so another daemon takes its rows over sooner), else 10 minutes.
    private static func leaseDuration() -> TimeInterval {
        guard let text = ProcessInfo.processInfo.environment["RELAIS_LEASE"], let seconds = Double(text), seconds > 0 else {
            return DeliveryEngine.defaultLease
        }
        return seconds
    }

    private static func describe(_ delivery: DeliverySettings) -> String {
        switch delivery.transport {
        case .file: "file (\(delivery.fileDirectory))"
        case .smtp: "smtp (\(delivery.smtp.url), tls \(delivery.smtp.tls.rawValue), \(delivery.smtp.connections) connections)"
        }
    }
}

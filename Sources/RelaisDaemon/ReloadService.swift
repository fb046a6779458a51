import Foundation
import Logging
import Relais
import ServiceLifecycle
import Store
import Systemd
import UnixSignals

/// Reloads the configuration and the templates on SIGHUP. A reload that fails keeps the
/// running configuration and says why, one line per problem.
struct ReloadService: Service {
    let configPath: String
    let store: RelaisStore
    let executor: BlockingExecutor
    let runtime: RuntimeHolder
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            notifier.reloading()
            await reload()
            notifier.ready()
        }
    }

    private func reload() async {
        do {
            let configuration = try await ConfigurationLoader.load(path: configPath)
            let problems = configuration.environmentProblems()
            if !problems.isEmpty { throw ConfigurationError(path: configPath, problems: problems) }
            if configuration.storePath != store.path {
                logger.warning("store.path changed to \(configuration.storePath); restart relaisd to use it (keeping \(store.path))")
            }
            let fresh = try DaemonRuntime.make(configuration: configuration, store: store, executor: executor, logger: logger)
            await runtime.replace(with: fresh)
            logger.notice("reloaded \(configPath) and the templates in \(configuration.templatesDirectory)")
        } catch {
            for line in "\(error)".split(separator: "\n") {
                logger.error("reload failed, keeping the running configuration: \(line)")
            }
        }
    }
}

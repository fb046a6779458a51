import Foundation
import Logging
import Relais
import RelaisWeb
import ServiceLifecycle
import Store
import Systemd
import Templates
import UnixSignals

/// Reloads the configuration and the templates on SIGHUP, the web pages (`templates/_web`)
/// too when the web endpoint runs. A reload that fails — a bad mail template or a bad page —
/// keeps the running configuration, templates and pages, and says why, one line per problem.
struct ReloadService: Service {
    let configPath: String
    let store: any DaemonStore
    /// The `store.url` or `store.path` the daemon started with (compared, never printed).
    let storeIdentity: String
    let executor: BlockingExecutor
    let runtime: RuntimeHolder
    /// The web endpoint's pages, when it runs.
    let webPages: WebPagesHolder?
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
            if configuration.storeIdentity != storeIdentity {
                logger.warning("store.url or store.path changed; restart relaisd to use the new store (keeping \(store.location))")
            }
            // On the executor: building the transport reads the attempts ledger, a blocking store call.
            let store = self.store, executor = self.executor, logger = self.logger
            let fresh = try await executor.run {
                try DaemonRuntime.make(configuration: configuration, store: store, executor: executor, logger: logger)
            }
            // Both are built before either is swapped in: a bad page keeps the old templates too.
            let pages = try webPages.map { _ throws(TemplateError) in
                try WebService.pages(settings: configuration.web, sender: configuration.sender, templatesDirectory: configuration.templatesDirectory)
            }
            await runtime.replace(with: fresh)
            if let pages { webPages?.replace(with: pages) }
            logger.notice("reloaded \(configPath) and the templates in \(configuration.templatesDirectory)")
        } catch {
            for line in "\(error)".split(separator: "\n") {
                logger.error("reload failed, keeping the running configuration: \(line)")
            }
        }
    }
}

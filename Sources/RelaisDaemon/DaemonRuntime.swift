import Foundation
import Logging
import Relais
import SMTP
import Store
import Systemd
import Templates

/// What a configuration reload replaces at once: the configuration, the templates (in the
/// composer), the transport and the retry policy.
struct DaemonRuntime: Sendable {
    let configuration: RelaisConfiguration
    let composer: any RowComposing
    let transport: any MessageTransport
    let mapper: OutcomeMapper
    /// Notices one refusal repeated across recipients (the relay's fault, not theirs).
    let breaker: RelayBreaker

    /// Builds everything from a configuration; throws a ``SysexitsError`` naming what is wrong.
    static func make(
        configuration: RelaisConfiguration, store: any DaemonStore, executor: BlockingExecutor, logger: Logger
    ) throws -> DaemonRuntime {
        let catalog = try TemplateCatalog(
            directory: URL(fileURLWithPath: configuration.templatesDirectory),
            locales: configuration.sender.locales, defaultLocale: configuration.sender.defaultLocale)
        let signers = try configuration.sender.dkim?.loadSigners(configurationPath: configuration.path) ?? []
        let composer = QueueRowComposer(sender: configuration.sender, catalog: catalog, store: store, signers: signers)
        let transport = try TransportFactory.make(configuration: configuration, store: store, logger: logger, executor: executor)
        return DaemonRuntime(
            configuration: configuration, composer: composer, transport: transport,
            mapper: OutcomeMapper(settings: configuration.delivery),
            breaker: RelayBreaker(
                threshold: configuration.delivery.smtp.relayWideAfter,
                pause: ThrottlePolicy(
                    initial: Double(configuration.delivery.smtp.pause.seconds),
                    cap: Double(configuration.delivery.smtp.pauseMax.seconds))))
    }
}

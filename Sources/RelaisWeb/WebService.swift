import Foundation
import Hummingbird
import Logging
import NIOCore
import Relais
import ServiceLifecycle
import Store
import Templates

/// relaisd's web endpoint, one more `Service` in its group: members' links (one-click
/// unsubscribe, preferences, RSVP), `/healthz` and `/metrics`.
///
/// It listens only on `web.listen` (meant to sit behind the association's HTTPS reverse
/// proxy), starts after the store is open, and on graceful shutdown stops accepting and lets
/// the requests in flight finish. Request paths hold tokens: nothing here logs them.
public struct WebService: Service {
    let application: Application<RouterResponder<BasicRequestContext>>

    /// A service answering on `settings.listenHost:listenPort`, with pages from `templatesDirectory/_web`.
    /// `onListening` is told the bound port (useful with port 0).
    public init(
        settings: WebSettings, sender: SenderSettings, templatesDirectory: String, store: RelaisStore, executor: BlockingExecutor,
        heartbeatMaxAge: TimeInterval, logger: Logger, onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) throws(TemplateError) {
        let pages = try WebPages(templatesDirectory: templatesDirectory, defaultLocale: sender.defaultLocale, organization: sender.organization,
            base: MemberLinks(base: settings.baseURL ?? "").base)
        let endpoint = WebEndpoint(
            store: store, executor: executor, pages: pages, metrics: WebMetrics(),
            links: MemberLinks(base: settings.baseURL ?? ""), bodyLimit: settings.bodyLimit, locales: sender.locales,
            heartbeatMaxAge: heartbeatMaxAge)
        let router = Self.router(endpoint)
        let host = settings.listenHost ?? "127.0.0.1"
        application = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: settings.listenPort), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? settings.listenPort
                logger.info("web endpoint listening on \(host):\(port)")
                onListening(port)
            },
            logger: logger)
    }

    /// The routes, behind the middleware that adds the security headers and counts requests.
    static func router(_ endpoint: WebEndpoint) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(pages: endpoint.pages, metrics: endpoint.metrics))
        router.get("/u/:key/:list") { try await endpoint.unsubscribePage($0, $1) }
        router.post("/u/:key/:list") { try await endpoint.unsubscribe($0, $1) }
        router.get("/u/:key") { try await endpoint.unsubscribePage($0, $1) }
        router.post("/u/:key") { try await endpoint.unsubscribe($0, $1) }
        router.get("/p/:key") { try await endpoint.preferencesPage($0, $1) }
        router.post("/p/:key") { try await endpoint.savePreferences($0, $1) }
        router.get("/r/:key/:event/:occurrence") { try await endpoint.rsvpPage($0, $1) }
        router.post("/r/:key/:event/:occurrence") { try await endpoint.answerRSVP($0, $1) }
        router.get("/healthz") { try await endpoint.health($0, $1) }
        router.get("/metrics") { try await endpoint.metricsText($0, $1) }
        router.get("/static/relais.css") { _, _ in endpoint.pages.stylesheetResponse() }
        return router
    }

    public func run() async throws {
        try await application.run()
    }
}

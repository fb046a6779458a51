import Foundation
import Hummingbird
import Logging
import NIOCore
import Relais
import ServiceLifecycle
import StoreModel
import Templates

/// relaisd's web endpoint, one more `Service` in its group: members' links (one-click
/// unsubscribe, preferences, RSVP), `/healthz` and `/metrics`.
///
/// It listens only on `web.listen` (meant to sit behind the association's HTTPS reverse
/// proxy), starts after the store is open, and on graceful shutdown stops accepting and lets
/// the requests in flight finish. Request paths hold tokens: nothing here logs them.
public struct WebService: Service {
    let application: Application<RouterResponder<WebRequestContext>>
    /// The pages it answers with; ``WebPagesHolder/replace(with:)`` swaps them (a reload).
    public let pages: WebPagesHolder

    /// A service answering on `settings.listenHost:listenPort`, with pages from `templatesDirectory/_web`,
    /// writing members' answers to `store` (SQLite or PostgreSQL) on `executor`; `/healthz` judges
    /// the heartbeat of daemon instance `instanceId`. `onListening` is told the bound port (useful with port 0).
    public init(
        settings: WebSettings, sender: SenderSettings, templatesDirectory: String, store: any WebAnswerStore, instanceId: String,
        executor: BlockingExecutor, heartbeatMaxAge: TimeInterval, logger: Logger, onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) throws(TemplateError) {
        pages = WebPagesHolder(try Self.pages(settings: settings, sender: sender, templatesDirectory: templatesDirectory))
        let endpoint = WebEndpoint(
            store: store, executor: executor, instanceId: instanceId, pagesHolder: pages, metrics: WebMetrics(),
            links: MemberLinks(base: settings.baseURL ?? ""), bodyLimit: settings.bodyLimit, locales: sender.locales,
            heartbeatMaxAge: heartbeatMaxAge,
            badTokens: BadTokenLimiter(limit: settings.badTokenLimit, window: settings.badTokenWindow))
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

    /// The pages of `templatesDirectory/_web` for these settings; throws naming the first file
    /// missing or invalid (a reload that meets one keeps the running pages).
    public static func pages(settings: WebSettings, sender: SenderSettings, templatesDirectory: String) throws(TemplateError) -> WebPages {
        try WebPages(
            templatesDirectory: templatesDirectory, defaultLocale: sender.defaultLocale, organization: sender.organization,
            base: MemberLinks(base: settings.baseURL ?? "").base)
    }

    /// The routes, behind the middleware that adds the security headers and counts requests,
    /// then the one that slows down clients sending bad tokens.
    static func router(_ endpoint: WebEndpoint) -> Router<WebRequestContext> {
        let router = Router(context: WebRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(pagesHolder: endpoint.pagesHolder, metrics: endpoint.metrics))
        router.add(middleware: BadTokenMiddleware(limiter: endpoint.badTokens, pagesHolder: endpoint.pagesHolder))
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

import Foundation
import Hummingbird
import Relais
import StoreModel

/// What the web endpoint's handlers share: the store, SQLite or PostgreSQL (reached only
/// through the daemon's ``BlockingExecutor``: its calls block), the pages, the metrics and the settings.
struct WebEndpoint: Sendable {
    let store: any WebAnswerStore
    let executor: BlockingExecutor
    /// This daemon's instance: `/healthz` judges its heartbeat, `/metrics` its transport's pause.
    let instanceId: String
    /// The pages (a reload swaps them).
    let pagesHolder: WebPagesHolder
    let metrics: WebMetrics
    let links: MemberLinks
    let bodyLimit: Int
    /// The languages a member may choose (`sender.locales`).
    let locales: [String]
    /// Older than this, the heartbeat is stale and `/healthz` answers 503.
    let heartbeatMaxAge: TimeInterval
    /// Counts each client's links with unknown tokens (429 beyond `web.bad_token_limit`).
    let badTokens: BadTokenLimiter

    /// The pages now.
    var pages: WebPages { pagesHolder.current }

    /// Runs a store call on the executor.
    func blocking<T: Sendable>(_ work: @escaping @Sendable (any WebAnswerStore) throws -> T) async throws -> T {
        let store = self.store
        return try await executor.run { try work(store) }
    }

    /// The member a link's key names, or 404 (the same for an unknown id, a wrong token or a
    /// malformed key; nothing is written).
    func member(_ context: some RequestContext) async throws -> WebMember {
        guard let key = context.parameters.get("key"), let (id, token) = MemberLinks.parse(key: key) else {
            throw HTTPError(.notFound)
        }
        guard let member = try await blocking({ try $0.webMember(id: id, token: token) }) else { throw HTTPError(.notFound) }
        return member
    }

    /// The request's form body, at most ``bodyLimit`` bytes (413 beyond).
    func form(_ request: Request) async throws -> FormBody {
        var request = request
        let buffer = try await request.collectBody(upTo: bodyLimit)
        return FormBody(Array(buffer.readableBytesView))
    }

    /// The member's key segment for her own links.
    func key(_ context: some RequestContext) -> String { context.parameters.get("key") ?? "" }

    /// Her preferences link.
    func preferencesURL(_ member: WebMember, _ context: some RequestContext) -> String {
        links.base + "/p/" + key(context)
    }
}

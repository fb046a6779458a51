import Hummingbird
import NIOCore

/// Answers 429 (with `Retry-After`) to a client that sent too many links with unknown tokens,
/// on the members' paths (`/u/`, `/p/`, `/r/`) only, and counts each such link's 404.
///
/// The client is the connection's peer, except when the peer is a loopback address (the
/// reverse proxy on the same machine, as the README sets it up): then it is the last address
/// of `X-Forwarded-For` (the one the proxy itself appended; earlier ones come from the client
/// and are not trusted), else `X-Real-IP`.
struct BadTokenMiddleware<Context: RemoteAddressRequestContext>: RouterMiddleware {
    let limiter: BadTokenLimiter
    let pagesHolder: WebPagesHolder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isMemberPath(request.uri.path) else { return try await next(request, context) }
        let client = Self.client(request, peer: context.remoteAddress)
        if let seconds = limiter.retryAfter(client: client) {
            var response = pagesHolder.current.errorPage(status: .tooManyRequests, locale: nil)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
        do {
            let response = try await next(request, context)
            if response.status == .notFound { limiter.recordBad(client: client) }
            return response
        } catch let error as any HTTPResponseError where error.status == .notFound {
            limiter.recordBad(client: client)
            throw error
        }
    }

    /// True for the paths that carry a member's token.
    static func isMemberPath(_ path: String) -> Bool {
        path.hasPrefix("/u/") || path.hasPrefix("/p/") || path.hasPrefix("/r/")
    }

    /// Who is asking, as the limiter counts it.
    static func client(_ request: Request, peer: SocketAddress?) -> String {
        let address = peer?.ipAddress ?? "unknown"
        guard isLoopback(address) else { return address }
        if let forwarded = request.headers[forwardedFor]?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !forwarded.isEmpty {
            return forwarded
        }
        if let real = request.headers[realIP]?.trimmingCharacters(in: .whitespaces), !real.isEmpty { return real }
        return address
    }

    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}

/// `X-Forwarded-For`, which swift-http-types does not name.
private let forwardedFor = HTTPFields.Element.Name("X-Forwarded-For")!
/// `X-Real-IP`, which swift-http-types does not name.
private let realIP = HTTPFields.Element.Name("X-Real-IP")!

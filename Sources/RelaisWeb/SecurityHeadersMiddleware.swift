import Hummingbird

/// Adds the headers every response carries, whatever route (or error) produced it: no
/// Referer (tokens are in URLs), a strict Content-Security-Policy (our own stylesheet, no
/// script, no frames, forms posting back here only), no framing, no caching. Errors become
/// the neutral page here, so they carry the headers too, and each request is counted.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let pagesHolder: WebPagesHolder
    let metrics: WebMetrics

    /// The Content-Security-Policy of every response.
    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = pagesHolder.current.errorPage(status: error.status, locale: nil)
        } catch {
            response = pagesHolder.current.errorPage(status: .internalServerError, locale: nil)
        }
        response.headers[securityHeaderReferrerPolicy] = "no-referrer"
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[securityHeaderFrameOptions] = "DENY"
        response.headers[.cacheControl] = "no-store"
        response.headers[.xContentTypeOptions] = "nosniff"
        metrics.countRequest(route: WebMetrics.route(of: request.uri.path), status: Int(response.status.code))
        return response
    }
}

/// `Referrer-Policy`, which swift-http-types does not name.
private let securityHeaderReferrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!
/// `X-Frame-Options`, which swift-http-types does not name.
private let securityHeaderFrameOptions = HTTPFields.Element.Name("X-Frame-Options")!

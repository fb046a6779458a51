import Hummingbird
import NIOCore

/// The request context of the web endpoint: Hummingbird's basic one plus the peer's address,
/// which the bad-token limiter counts by.
struct WebRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The address of the connection's other end (the reverse proxy, or the client itself).
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

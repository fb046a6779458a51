import RelaisSupport
import Foundation

/// The members' web endpoint (`web.*`): where relaisd listens and the public address links use.
public struct WebSettings: Sendable, Hashable {
    /// The loopback or local address relaisd listens on (`web.listen`, `127.0.0.1:8025`); nil:
    /// no listener. Port 0 takes a free port (the log says which).
    public var listenHost: String?
    /// The port of `web.listen`.
    public var listenPort: Int
    /// The public address every link in a message is built from (`web.base_url`), without a
    /// trailing slash; nil: messages carry no links to relaisd.
    public var baseURL: String?
    /// The largest request body accepted, in bytes (`web.body_limit`).
    public var bodyLimit: Int
    /// How many links with unknown tokens one client may send within ``badTokenWindow`` before
    /// it gets 429 (`web.bad_token_limit`; 0: no limit).
    public var badTokenLimit: Int
    /// The window bad tokens are counted over, in seconds (`web.bad_token_window`).
    public var badTokenWindow: TimeInterval

    /// Settings; see the properties.
    public init(
        listenHost: String? = nil, listenPort: Int = 0, baseURL: String? = nil, bodyLimit: Int = 16_384,
        badTokenLimit: Int = 20, badTokenWindow: TimeInterval = 600
    ) {
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.baseURL = baseURL
        self.bodyLimit = bodyLimit
        self.badTokenLimit = badTokenLimit
        self.badTokenWindow = badTokenWindow
    }

    /// True when `web.listen` is set.
    public var isListening: Bool { listenHost != nil }

    /// True for `localhost`, `::1` and 127.0.0.0/8: the only hosts a plain-http base URL may name.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }
}

import RelaisSupport
import Foundation

extension ConfigValueReader {
    /// `web.listen`, `web.base_url`, `web.body_limit`, `web.bad_token_limit`, `web.bad_token_window`.
    mutating func buildWeb() -> WebSettings {
        var settings = WebSettings()
        if let listen = text("web.listen", required: false) {
            if let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port),
               colon > listen.startIndex {
                settings.listenHost = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                settings.listenPort = port
            } else {
                problem("web.listen", listen, "address:port, such as 127.0.0.1:8025")
            }
        }
        if let base = text("web.base_url", required: false) {
            let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
            let components = URLComponents(string: trimmed)
            let scheme = components?.scheme?.lowercased()
            let host = components?.host ?? ""
            if host.isEmpty || components?.query != nil || components?.fragment != nil {
                problem("web.base_url", base, "an https:// address without query, such as https://relais.example.org")
            } else if scheme == "https" || (scheme == "http" && WebSettings.isLoopback(host)) {
                settings.baseURL = trimmed
            } else {
                problem("web.base_url", base, "an https:// address (http:// only for a loopback host such as 127.0.0.1)")
            }
        } else if settings.isListening {
            problem("web.base_url", nil, "the public https address of the web endpoint, since web.listen is set")
        }
        settings.bodyLimit = integer("web.body_limit", minimum: 256)
        settings.badTokenLimit = integer("web.bad_token_limit", minimum: 0)
        settings.badTokenWindow = TimeInterval(positiveDuration("web.bad_token_window").seconds)
        return settings
    }
}

/// The `List-Unsubscribe` header (RFC 2369) and, for one-click, `List-Unsubscribe-Post` (RFC 8058).
public struct ListUnsubscribe: Sendable, Hashable {
    /// `https:` and/or `mailto:` URIs, in order of preference.
    public var uris: [String]
    /// Whether to add `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (needs an `https:` URI).
    public var oneClick: Bool

    /// Unsubscribe URIs, validated when the message is rendered.
    public init(uris: [String], oneClick: Bool) {
        self.uris = uris
        self.oneClick = oneClick
    }

    func validate() throws(MIMEError) {
        guard !uris.isEmpty else { throw MIMEError("List-Unsubscribe", "", "at least one URI is needed") }
        for uri in uris {
            let lower = uri.lowercased()
            guard lower.hasPrefix("https:") || lower.hasPrefix("http:") || lower.hasPrefix("mailto:") else {
                throw MIMEError("List-Unsubscribe URI", uri, "must start with https:, http: or mailto:")
            }
            guard uri.utf8.count <= 900,
                uri.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") })
            else {
                throw MIMEError("List-Unsubscribe URI", uri, "must be printable ASCII without spaces or angle brackets (percent-encode them)")
            }
        }
        if oneClick, !uris.contains(where: { $0.lowercased().hasPrefix("https:") }) {
            throw MIMEError("List-Unsubscribe URI", uris.joined(separator: ", "), "one-click unsubscribe needs an https: URI (RFC 8058)")
        }
    }
}

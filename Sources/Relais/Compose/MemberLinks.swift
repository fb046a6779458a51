import Foundation

/// The links a message gives a member to relaisd's web endpoint, built from `web.base_url`.
///
/// A link names only what it needs: the member's key (`<id>-<token>`: her row id and her
/// 128-bit token, compared in constant time), then the list or the event occurrence.
///
/// - `/u/<key>/<list id>`: unsubscribe from that list (GET: a page; POST: RFC 8058 one-click);
///   `/u/<key>` unsubscribes from everything.
/// - `/p/<key>`: her preferences.
/// - `/r/<key>/<event id>/<occurrence>`: her answer for one occurrence (`2026-03-03T08:30`).
public struct MemberLinks: Sendable, Hashable {
    /// `web.base_url`, without a trailing slash.
    public let base: String

    /// Links under `base`.
    public init(base: String) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    /// The path segment naming member `memberId` with `token`.
    public static func key(memberId: Int64, token: String) -> String {
        "\(memberId)-\(MessageComposer.percentEncoded(token))"
    }

    /// The member id and token a key segment names; nil when it is malformed.
    public static func parse(key: String) -> (memberId: Int64, token: String)? {
        guard let dash = key.firstIndex(of: "-"), let id = Int64(key[..<dash]), id > 0 else { return nil }
        let token = String(key[key.index(after: dash)...])
        guard (16...128).contains(token.utf8.count), token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return (id, token)
    }

    /// The unsubscribe page (and one-click target) for one list, or for everything when `listId` is nil.
    public func unsubscribe(memberId: Int64, token: String, listId: Int64?) -> String {
        base + "/u/" + Self.key(memberId: memberId, token: token) + (listId.map { "/\($0)" } ?? "")
    }

    /// Her preferences page.
    public func preferences(memberId: Int64, token: String) -> String {
        base + "/p/" + Self.key(memberId: memberId, token: token)
    }

    /// Her answer page for one occurrence (its original local start, e.g. `2026-03-03T08:30:00`).
    public func rsvp(memberId: Int64, token: String, eventId: Int64, occurrence: String) -> String {
        base + "/r/" + Self.key(memberId: memberId, token: token) + "/\(eventId)/" + MessageComposer.percentEncoded(occurrence)
    }
}

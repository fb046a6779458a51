import Foundation
import MIME

/// The list headers: List-Id and the unsubscribe link.
extension MessageComposer {
    /// `sender.unsubscribeURL` with `{token}` replaced by the (percent-encoded) token; nil
    /// when there is no URL or no token.
    public func unsubscribeURL(token: String?) -> String? {
        guard let pieces = unsubscribePieces, let token, !token.isEmpty else { return nil }
        return pieces.joined(separator: Self.percentEncoded(token))
    }

    /// The web endpoint's unsubscribe link for the request's member and list (`web.base_url`);
    /// nil without a base URL, a member or a token.
    func webUnsubscribeURL(_ request: CompositionRequest) -> String? {
        guard let base = sender.webBaseURL, let memberId = request.memberId, let token = request.unsubscribeToken, !token.isEmpty else {
            return nil
        }
        return MemberLinks(base: base).unsubscribe(memberId: memberId, token: token, listId: request.listId)
    }

    /// `mailto:unsubscribe+<message token>-<list id>@…?subject=unsubscribe` from
    /// `sender.unsubscribe_mailto`, for a member's message to a list; nil otherwise. The bounce
    /// intake reads the token back (``UnsubscribeMailto``).
    func unsubscribeMailto(_ request: CompositionRequest) -> String? {
        guard let pattern = sender.unsubscribeMailto, request.memberId != nil, let listId = request.listId,
              let address = UnsubscribeMailto(pattern: pattern).address(messageId: request.messageId, listId: listId)
        else { return nil }
        return "mailto:" + address + "?subject=unsubscribe"
    }

    /// `List-Id: <slug.sender-domain>`, the list's name as its description; nil without a list.
    func listID(_ name: String?) -> ListID? {
        guard let name else { return nil }
        return ListID(name: name, id: Self.slug(name) + "." + sender.fromAddress.domain)
    }

    /// Accents dropped, then lower-case ASCII letters, digits and single hyphens (a dot-atom label); `list` if nothing is left.
    static func slug(_ name: String) -> String {
        var result: [UInt8] = []
        // Folding goes through ICU: only names with non-ASCII letters need it (composed for every message).
        let folded = name.utf8.allSatisfy { $0 < 0x80 } ? name : name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        for byte in folded.lowercased().utf8 {
            let keep = (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            if keep {
                result.append(byte)
            } else if result.last != UInt8(ascii: "-"), !result.isEmpty {
                result.append(UInt8(ascii: "-"))
            }
        }
        result = Array(result.prefix(60))
        while result.last == UInt8(ascii: "-") { result.removeLast() }
        return result.isEmpty ? "list" : String(decoding: result, as: UTF8.self)
    }

    /// RFC 3986 unreserved characters kept, every other byte as `%XX`.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

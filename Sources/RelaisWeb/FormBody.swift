import Foundation

/// An `application/x-www-form-urlencoded` body: the fields in order (a name may repeat).
struct FormBody: Sendable {
    let fields: [(name: String, value: String)]

    init(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        fields = text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring?) -> String {
                guard let part else { return "" }
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts.first), decode(parts.count > 1 ? parts[1] : nil))
        }
    }

    /// The first value of `name`.
    func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every value of `name`.
    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// True when the body is RFC 8058's `List-Unsubscribe=One-Click`.
    var isOneClick: Bool { value("List-Unsubscribe") == "One-Click" }
}

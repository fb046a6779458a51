import Foundation

/// A published DKIM key record (`v=DKIM1; k=rsa; p=…`), as read from DNS or pasted by a person.
public struct DKIMRecord: Sendable, Equatable {
    /// The `k=` tag (`rsa` when absent, as RFC 6376 says).
    public var keyType: String
    /// The `p=` tag with whitespace removed; empty for a revoked key.
    public var publicKey: String

    /// Reads `text`: tags separated by `;`, in one or several quoted strings (`"v=DKIM1; " "p=…"`) or bare.
    public init(_ text: String) throws(DKIMError) {
        var value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.contains("\"") {
            // Zone-file form: keep what is inside the quotes, joined.
            var joined = ""
            var inside = false
            for character in value {
                if character == "\"" { inside.toggle() } else if inside { joined.append(character) }
            }
            value = joined
        }
        var tags: [String: String] = [:]
        for part in value.split(separator: ";") {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let name = part[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            tags[name] = String(part[part.index(after: equals)...].filter { !$0.isWhitespace })
        }
        if let version = tags["v"], version != "DKIM1" { throw DKIMError("v= is \(version), expected DKIM1") }
        guard let key = tags["p"] else { throw DKIMError("no p= tag (the public key)") }
        keyType = tags["k"] ?? "rsa"
        publicKey = key
    }
}

extension DKIMKey {
    /// True when `record` publishes this key's public half with its type.
    public func matches(_ record: DKIMRecord) -> Bool {
        record.keyType == algorithm.keyType && record.publicKey == publicKeyBase64
    }
}

import Foundation

/// An address with `{token}` in its local part (`bounces+{token}@example.org`): finds the
/// token in an address that matches it.
public struct AddressPattern: Sendable, Hashable {
    let prefix: String
    let suffix: String
    let domain: String

    /// Reads `pattern`; nil unless it has `{token}` once in its local part.
    public init?(_ pattern: String) {
        guard let at = pattern.lastIndex(of: "@") else { return nil }
        let pieces = pattern[..<at].components(separatedBy: "{token}")
        guard pieces.count == 2 else { return nil }
        prefix = pieces[0].lowercased()
        suffix = pieces[1].lowercased()
        domain = String(pattern[pattern.index(after: at)...]).lowercased()
    }

    /// The token of `address` (`Name <bounces+abc@example.org>` or a bare address); nil when it does not match.
    public func token(in address: String) -> String? {
        var bare = address
        if let open = bare.lastIndex(of: "<"), let close = bare.lastIndex(of: ">"), open < close {
            bare = String(bare[bare.index(after: open)..<close])
        }
        bare = bare.trimmingCharacters(in: .whitespaces).lowercased()
        if bare.hasPrefix("rfc822;") { bare = bare.dropFirst(7).trimmingCharacters(in: .whitespaces) }
        guard let at = bare.lastIndex(of: "@"), bare[bare.index(after: at)...] == domain else { return nil }
        let local = bare[..<at]
        guard local.count > prefix.count + suffix.count, local.hasPrefix(prefix), local.hasSuffix(suffix) else { return nil }
        let token = local.dropFirst(prefix.count).dropLast(suffix.count)
        return token.isEmpty ? nil : String(token)
    }

    /// The tokens of every address in these header values (comma-separated lists allowed).
    public func tokens(in values: [String]) -> [String] {
        var found: [String] = []
        for value in values {
            for address in value.split(separator: ",") {
                if let token = token(in: String(address)), !found.contains(token) { found.append(token) }
            }
        }
        return found
    }
}

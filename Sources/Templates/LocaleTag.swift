/// A BCP 47 language tag as Relais uses it: a language, optionally a script and a region
/// (`fr`, `fr-BE`, `es-419`, `zh-Hant-TW`); `_` is accepted for `-`.
public struct LocaleTag: Sendable, Hashable, CustomStringConvertible {
    /// Lower-case language code: `fr`.
    public let language: String
    /// Title-case script code, if any: `Hant`.
    public let script: String?
    /// Upper-case region code, if any: `BE`, `419`.
    public let region: String?

    /// Parses and normalizes a tag; nil when it is not of that shape.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        language = first.lowercased()
        var rest = parts.dropFirst()
        if let next = rest.first, next.count == 4, next.allSatisfy({ $0.isASCII && $0.isLetter }) {
            script = next.prefix(1).uppercased() + next.dropFirst().lowercased()
            rest = rest.dropFirst()
        } else {
            script = nil
        }
        if let next = rest.first {
            let isAlpha = next.count == 2 && next.allSatisfy { $0.isASCII && $0.isLetter }
            let isDigits = next.count == 3 && next.allSatisfy { $0.isASCII && $0.isNumber }
            guard isAlpha || isDigits else { return nil }
            region = next.uppercased()
            rest = rest.dropFirst()
        } else {
            region = nil
        }
        guard rest.isEmpty else { return nil }
    }

    /// `fr-BE`.
    public var description: String {
        [language, script, region].compactMap { $0 }.joined(separator: "-")
    }

    /// True when this tag is one of `configured` or a regional variant of one of them.
    public func isSupported(by configured: [String]) -> Bool {
        configured.contains { candidate in
            guard let tag = LocaleTag(candidate) else { return false }
            return tag == self || (tag.script == nil && tag.region == nil && tag.language == language)
        }
    }
}

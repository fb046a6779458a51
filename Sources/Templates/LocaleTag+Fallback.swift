import Foundation

/// Lenient normalization of locale identifiers as used in file names and member records:
/// canonical form, fallback chain, and the locale used to format dates.
extension LocaleTag {
    /// Canonical BCP 47 spelling: "fr_be" → "fr-BE", "EN" → "en", "sr_latn_rs" → "sr-Latn-RS".
    static func canonical(_ identifier: String) -> String {
        let parts = identifier.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let first = parts.first else { return "" }
        var out = [first.lowercased()]
        for part in parts.dropFirst() {
            switch part.count {
            case 4 where part.allSatisfy(\.isLetter): out.append(part.prefix(1).uppercased() + part.dropFirst().lowercased())
            case 2 where part.allSatisfy(\.isLetter): out.append(part.uppercased())
            default: out.append(String(part))
            }
        }
        return out.joined(separator: "-")
    }

    /// The primary language subtag: "fr-BE" → "fr".
    static func language(_ identifier: String) -> String {
        String(canonical(identifier).split(separator: "-").first ?? "")
    }

    /// The member's locale, then each shorter prefix, then the default locale's chain:
    /// "fr-BE" → ["fr-BE", "fr", "en"] with default "en". No duplicates.
    static func fallbackChain(_ identifier: String, defaultLocale: String) -> [String] {
        var chain: [String] = []
        for start in [identifier, defaultLocale] {
            var parts = canonical(start).split(separator: "-").map(String.init)
            while !parts.isEmpty {
                let tag = parts.joined(separator: "-")
                if !chain.contains(tag) { chain.append(tag) }
                parts.removeLast()
            }
        }
        return chain
    }

    /// The locale dates and numbers are formatted in: the member's own regional locale when the
    /// template is in her language, otherwise the template's locale (no Italian dates inside a
    /// French text). A bare "en" formats as "en-GB" (24-hour clock, day before month), which is
    /// what members of a European network expect; other bare languages keep CLDR's default
    /// region (fr → France, de → Germany, es → Spain).
    static func formattingIdentifier(member: String, template: String) -> String {
        let chosen = language(member) == language(template) ? canonical(member) : canonical(template)
        let adjusted = chosen == "en" ? "en-GB" : chosen
        return String(adjusted.map { $0 == "-" ? "_" : $0 })
    }
}

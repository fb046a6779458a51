import Templates

/// Picks the text for a reader from texts keyed by locale (an event's titles or descriptions).
///
/// The fallback (docs/architecture.md, "Templates"): the reader's locale (`fr-BE`), then its language (`fr`), then
/// the default locale (and its language), then any text, the first by sorted locale so the
/// choice is stable. Keys and locales are compared as normalized tags (`fr_be` is `fr-BE`).
public enum LocalizedText {
    /// The locales to try for `locale`, most specific first, without duplicates.
    public static func fallbackChain(for locale: String, defaultLocale: String) -> [String] {
        var chain: [String] = []
        for candidate in [locale, defaultLocale] {
            guard let tag = LocaleTag(candidate) else { continue }
            var steps = [tag.description]
            if let script = tag.script { steps.append("\(tag.language)-\(script)") }
            steps.append(tag.language)
            for step in steps where !chain.contains(step) { chain.append(step) }
        }
        return chain
    }

    /// The locale and text to use for a reader of `locale`; nil only when `texts` is empty.
    public static func pick(
        _ texts: [String: String], for locale: String, defaultLocale: String
    ) -> (locale: String, text: String)? {
        let normalized = Dictionary(
            texts.map { (LocaleTag($0.key)?.description ?? $0.key, (key: $0.key, text: $0.value)) },
            uniquingKeysWith: { first, _ in first })
        for step in fallbackChain(for: locale, defaultLocale: defaultLocale) {
            if let found = normalized[step] { return (found.key, found.text) }
        }
        guard let any = texts.keys.sorted().first else { return nil }
        return (any, texts[any]!)
    }

    /// Just the text of ``pick(_:for:defaultLocale:)``, empty when there is none.
    public static func text(_ texts: [String: String], for locale: String, defaultLocale: String) -> String {
        pick(texts, for: locale, defaultLocale: defaultLocale)?.text ?? ""
    }
}

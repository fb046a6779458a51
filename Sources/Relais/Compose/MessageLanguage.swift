import Templates

/// The one language a message is written in: subject, body, data and `Content-Language` all
/// come from it, never a mix.
///
/// A member gets her own language (`fr-BE`, or its language `fr`) when the template has a file
/// for it and, when the message carries per-language data, the data has it too. Otherwise the
/// whole message is in the default locale. `relaisctl announce` refuses such a message unless
/// `--fallback` is given (see ``LanguageCoverage``); a member who joins a list after that
/// check gets the default locale.
public struct MessageLanguage: Sendable, Hashable {
    /// The locale the message is composed in: the member's own, or the default locale.
    public var locale: String
    /// True when the member's language was missing and the default locale is used instead.
    public var isFallback: Bool

    /// A decision; see the properties.
    public init(locale: String, isFallback: Bool) {
        self.locale = locale
        self.isFallback = isFallback
    }

    /// The language of a message to a reader of `memberLocale`.
    /// - Parameters:
    ///   - templateLocales: the locales that have a file for the template kind (`fr`, `en`, `fr-BE`…).
    ///   - dataLocales: the languages of the per-language data, or nil when the message has
    ///     no per-language data (no data, or data that is the same in every language).
    ///   - defaultLocale: `sender.default_locale`.
    public static func decide(
        memberLocale: String, templateLocales: Set<String>, dataLocales: Set<String>?, defaultLocale: String
    ) -> MessageLanguage {
        let own = ownSteps(memberLocale)
        let hasTemplate = own.contains { templateLocales.contains($0) }
        let hasData = dataLocales.map { locales in own.contains { locales.contains($0) } } ?? true
        if hasTemplate && hasData { return MessageLanguage(locale: memberLocale, isFallback: false) }
        return MessageLanguage(locale: defaultLocale, isFallback: true)
    }

    /// The reader's locale and its shorter forms (`fr-BE`, `fr`), normalized, without the default locale.
    static func ownSteps(_ locale: String) -> [String] {
        LocalizedText.fallbackChain(for: locale, defaultLocale: locale)
    }

    /// The entry of `perLocale` (keys are normalized locale tags) that serves a reader of `locale`:
    /// her locale, then its language; nil when there is none.
    static func pick<Value>(_ perLocale: [String: Value], for locale: String) -> Value? {
        for step in ownSteps(locale) {
            if let value = perLocale[step] { return value }
        }
        return nil
    }
}

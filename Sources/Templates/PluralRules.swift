/// CLDR cardinal plural rules for whole numbers, for the project's languages.
public enum PluralRules {
    /// The category of `count` in `locale`'s language:
    /// fr: 0 and 1 are `one` (CLDR `i = 0,1`); en, de, es and any other language: only 1 is `one`.
    public static func category(for count: Int, locale: String) -> PluralCategory {
        let magnitude = count.magnitude
        switch LocaleTag.language(locale) {
        case "fr":
            return magnitude <= 1 ? .one : .other
        default:
            return magnitude == 1 ? .one : .other
        }
    }
}

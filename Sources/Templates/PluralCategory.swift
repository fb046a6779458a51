/// A CLDR plural category. Only `one` and `other` are distinguished; CLDR's `many` (French and
/// Spanish millions, "1 000 000 de personnes") is folded into `other`.
public enum PluralCategory: String, Sendable, Hashable {
    /// Singular form ("1 jour", "1 day").
    case one
    /// Every other count ("2 jours", "0 days").
    case other
}

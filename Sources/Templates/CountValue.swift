import Foundation
import Mustache

/// A whole number as templates see it: `{{n}}` prints it in the recipient's locale, and the
/// sections `{{#n.one}}...{{/n.one}}` / `{{#n.other}}...{{/n.other}}` choose the CLDR plural form.
struct CountValue: MustacheParent, MustacheCustomRenderable {
    /// The number.
    let value: Int
    /// The number formatted for the locale ("1 234" in French).
    let renderText: String
    /// Its plural category in the template's language.
    let category: PluralCategory

    /// Counts are never null.
    var isNull: Bool { false }

    /// Formats `value` and finds its category for `locale` (an ICU identifier such as "fr_BE").
    init(_ value: Int, localeIdentifier: String) {
        self.value = value
        self.renderText = value.formatted(.number.locale(Locale(identifier: localeIdentifier)))
        self.category = PluralRules.category(for: value, locale: localeIdentifier)
    }

    /// `one`, `other` (Booleans for sections) and `value` (the plain number).
    func child(named name: String) -> Any? {
        switch name {
        case "one": category == .one
        case "other": category == .other
        case "value": value
        default: nil
        }
    }
}

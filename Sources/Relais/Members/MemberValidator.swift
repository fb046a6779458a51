import Foundation
import MIME
import Store
import Templates

/// Checks and normalizes what people type about members: address, name, locale, lists.
public struct MemberValidator: Sendable {
    /// `sender.locales`.
    public let locales: [String]

    /// A validator accepting the configured `locales` and their regional variants.
    public init(locales: [String]) {
        self.locales = locales
    }

    /// A normalized ``MemberInput``, or an error naming the field and the value.
    public func validate(email: String, name: String, locale: String, lists: [String]) throws(InputError) -> MemberInput {
        let address: EmailAddress
        do { address = try EmailAddress(email) } catch { throw InputError(error.description) }
        let cleanName = try Self.validateText(name, field: "name")
        guard !cleanName.isEmpty else { throw InputError("empty name for \(address)") }
        let tag = try validateLocale(locale)
        var cleanLists: [String] = []
        for list in lists {
            let trimmed = list.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            try Self.validateListName(trimmed)
            if !cleanLists.contains(where: { $0.lowercased() == trimmed.lowercased() }) { cleanLists.append(trimmed) }
        }
        return MemberInput(email: address.description, name: cleanName, locale: tag, lists: cleanLists)
    }

    /// A supported locale, normalized (`fr_be` → `fr-BE`).
    public func validateLocale(_ locale: String) throws(InputError) -> String {
        guard let tag = LocaleTag(locale.trimmingCharacters(in: .whitespaces)) else {
            throw InputError("invalid locale \"\(locale.visibleControlCharacters)\": expected a language tag such as fr or fr-BE")
        }
        guard tag.isSupported(by: locales) else {
            throw InputError("unsupported locale \"\(locale)\": expected one of \(locales.joined(separator: ", ")) or a regional variant such as \(locales.first ?? "fr")-BE (sender.locales)")
        }
        return tag.description
    }

    /// Text that may reach a header: trimmed, no CR, LF or other control characters.
    public static func validateText(_ text: String, field: String) throws(InputError) -> String {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) {
            throw InputError("invalid \(field) \"\(text.visibleControlCharacters)\": control characters (CR, LF, TAB...) are not allowed")
        }
        guard text.count <= 200 else { throw InputError("invalid \(field): longer than 200 characters") }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// A list name: letters, digits, `.`, `_` and `-`, starting with a letter or digit (it appears in List-Id).
    public static func validateListName(_ name: String) throws(InputError) {
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
        guard allowed, let first = name.unicodeScalars.first, first != ".", first != "-", first != "_", name.count <= 64 else {
            throw InputError("invalid list name \"\(name.visibleControlCharacters)\": expected letters, digits, '.', '_' or '-' (at most 64)")
        }
    }
}

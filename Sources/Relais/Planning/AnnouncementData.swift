import Foundation
import MIME
import Templates

/// The template data of an announcement, always per language: `--data fr=lettre.json --data
/// de=brief.json` (a file given without a language is the default locale's), stored as
/// `{"$locales": {"fr": {…}, "de": {…}}}`.
///
/// A message uses one language's data as a whole, never fields from several: the composer
/// decides the language (``MessageLanguage``) and takes that language's object.
public enum AnnouncementData {
    /// The key under which per-language objects are stored.
    static let localesKey = "$locales"

    /// Reads `--data` arguments (`FILE.json` for the default locale, or `LOCALE=FILE.json`
    /// repeated) into the stored form; nil without arguments. Links are checked in every file.
    public static func read(_ arguments: [String], validator: MemberValidator, defaultLocale: String) throws -> Data? {
        guard !arguments.isEmpty else { return nil }
        let perLocale = arguments.map(split)
        if perLocale.contains(where: { $0.locale == nil }), arguments.count > 1 {
            throw InputError("give one --data FILE.json (in the default locale, \(defaultLocale)), or one --data LOCALE=FILE.json per language")
        }
        var objects: [String: Any] = [:]
        for entry in perLocale {
            let tag = try validator.validateLocale(entry.locale ?? defaultLocale)
            let bytes = try contents(entry.path)
            let values = try TemplateData.decode(bytes, source: entry.path)
            guard values[localesKey] == nil else { throw InputError("\(entry.path): \"\(localesKey)\" is not a data field") }
            try checkLinks(values, source: entry.path)
            guard objects[tag] == nil else { throw InputError("--data: two files for \(tag)") }
            objects[tag] = try JSONSerialization.jsonObject(with: bytes)
        }
        return try JSONSerialization.data(withJSONObject: [localesKey: objects], options: [.sortedKeys])
    }

    /// The stored data by language (normalized tags); nil for data stored before data was
    /// per language (one object for every language).
    public static func perLocale(_ stored: Data, source: String) throws(InputError) -> [String: [String: TemplateValue]]? {
        perLocale(try TemplateData.decode(stored, source: source))
    }

    /// The per-language objects of template values in the stored form; nil when `values` is not of that form.
    static func perLocale(_ values: [String: TemplateValue]) -> [String: [String: TemplateValue]]? {
        guard case .object(let languages)? = values[localesKey] else { return nil }
        var result: [String: [String: TemplateValue]] = [:]
        for (key, value) in languages {
            guard case .object(let object) = value else { continue }
            result[LocaleTag(key)?.description ?? key] = object
        }
        return result
    }

    /// The stored data as template values for a reader of `locale`: the objects of her locale,
    /// her language and the default locale (still in the stored form, for the composer to
    /// choose one of them as a whole); data stored as one object is returned as it is.
    public static func values(_ stored: Data, locale: String, defaultLocale: String, source: String) throws(InputError) -> [String: TemplateValue] {
        let object = try TemplateData.decode(stored, source: source)
        guard let languages = perLocale(object) else { return object }
        let wanted = Set(LocalizedText.fallbackChain(for: locale, defaultLocale: defaultLocale))
        return [localesKey: .object(languages.filter { wanted.contains($0.key) }.mapValues { .object($0) })]
    }

    /// Links in the data (`url`, or keys ending in `_url`) become `href`s: only http, https and
    /// mailto are accepted, so a `javascript:` link cannot reach a member's mail program.
    static func checkLinks(_ values: [String: TemplateValue], source: String, path: String = "") throws(InputError) {
        for (key, value) in values {
            let here = path.isEmpty ? key : path + "." + key
            switch value {
            case .string(let text) where key == "url" || key.hasSuffix("_url"):
                let scheme = text.split(separator: ":", maxSplits: 1).first.map { $0.lowercased() } ?? ""
                guard ["http", "https", "mailto"].contains(scheme), text.contains(":") else {
                    throw InputError("\(source): \(here): \"\(text.visibleControlCharacters)\" is not an http(s) or mailto link")
                }
            case .object(let inner):
                try checkLinks(inner, source: source, path: here)
            case .array(let items):
                for (index, item) in items.enumerated() {
                    if case .object(let inner) = item { try checkLinks(inner, source: source, path: "\(here)[\(index)]") }
                }
            default:
                break
            }
        }
    }

    private static func split(_ argument: String) -> (locale: String?, path: String) {
        guard let equals = argument.firstIndex(of: "="), LocaleTag(String(argument[..<equals])) != nil else { return (nil, argument) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static func contents(_ path: String) throws -> Data {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw InputError("cannot read \(path)", exitCode: Sysexits.noInput)
        }
        return bytes
    }
}

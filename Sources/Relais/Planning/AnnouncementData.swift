import Foundation
import MIME
import Templates

/// The template data of an announcement: one JSON object for every language, or one per
/// language (`--data fr=lettre.json --data de=brief.json`), stored as
/// `{"$locales": {"fr": {…}, "de": {…}}}`.
public enum AnnouncementData {
    /// The key under which per-language objects are stored.
    static let localesKey = "$locales"

    /// Reads `--data` arguments (`FILE.json`, or `LOCALE=FILE.json` repeated) into the stored form.
    public static func read(_ arguments: [String], validator: MemberValidator) throws -> Data? {
        guard !arguments.isEmpty else { return nil }
        let perLocale = arguments.map(split)
        if perLocale.allSatisfy({ $0.locale == nil }) {
            guard arguments.count == 1 else { throw InputError("give one --data FILE.json, or one --data LOCALE=FILE.json per language") }
            let bytes = try contents(arguments[0])
            try checkLinks(try TemplateData.decode(bytes, source: arguments[0]), source: arguments[0])
            return bytes
        }
        var objects: [String: Any] = [:]
        for entry in perLocale {
            guard let locale = entry.locale else {
                throw InputError("--data \(entry.path): give a language for every file (LOCALE=FILE.json) or a single file")
            }
            let tag = try validator.validateLocale(locale)
            let bytes = try contents(entry.path)
            try checkLinks(try TemplateData.decode(bytes, source: entry.path), source: entry.path)
            guard objects[tag] == nil else { throw InputError("--data: two files for \(tag)") }
            objects[tag] = try JSONSerialization.jsonObject(with: bytes)
        }
        return try JSONSerialization.data(withJSONObject: [localesKey: objects], options: [.sortedKeys])
    }

    /// The stored data as template values for a reader of `locale`.
    public static func values(_ stored: Data, locale: String, defaultLocale: String, source: String) throws(InputError) -> [String: TemplateValue] {
        let object = try TemplateData.decode(stored, source: source)
        guard case .object(let perLocale)? = object[localesKey] else { return object }
        for step in LocalizedText.fallbackChain(for: locale, defaultLocale: defaultLocale) {
            if case .object(let values)? = perLocale[step] { return values }
        }
        if let first = perLocale.keys.sorted().first, case .object(let values)? = perLocale[first] { return values }
        return [:]
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

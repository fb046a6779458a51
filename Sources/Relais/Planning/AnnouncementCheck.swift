import Foundation
import Templates

/// The checks `relaisctl announce` makes before queueing: the template's required data is
/// there in every language given, and every member can read the whole message in one language.
public enum AnnouncementCheck {
    /// Members whose language the message does not have.
    public struct Gap: Sendable, Hashable {
        /// The members' language, e.g. `es` (for `es` and `es-ES` members alike).
        public var language: String
        /// What is missing for it: no template file, or no data.
        public var missingTemplate: Bool
        /// How many members it concerns.
        public var members: Int
    }

    /// Throws when `template` declares required data (its manifest) and `stored` (the stored
    /// `--data`) is absent or lacks a field in some language.
    public static func requiredData(_ manifest: KindManifest, template: String, stored: Data?) throws(InputError) {
        guard !manifest.requiredData.isEmpty else { return }
        let fields = manifest.requiredData.joined(separator: ", ")
        guard let stored, let languages = try AnnouncementData.perLocale(stored, source: "--data") else {
            throw InputError("\(template) needs data (\(fields)): give --data FILE.json, or --data LOCALE=FILE.json for each language")
        }
        for (language, values) in languages.sorted(by: { $0.key < $1.key }) {
            let missing = manifest.missingFields(in: values)
            guard missing.isEmpty else {
                throw InputError("\(template): the \(language) data has no \(missing.joined(separator: ", ")) (needed: \(fields))")
            }
        }
    }

    /// The languages of `memberLocales` that would not get `template` in their own language,
    /// with how many members each, most members first.
    public static func gaps(memberLocales: [String], template: String, data: [String: TemplateValue], composer: MessageComposer) -> [Gap] {
        let templateLocales = composer.catalog.locales(of: template)
        // Decided once per distinct locale, not once per member: 100,000 members have a handful.
        var members: [String: Int] = [:]
        for locale in memberLocales { members[locale, default: 0] += 1 }
        var counts: [Gap: Int] = [:]
        for (locale, number) in members where composer.language(template: template, locale: locale, data: data).isFallback {
            let ownTemplate = MessageLanguage.decide(
                memberLocale: locale, templateLocales: templateLocales, dataLocales: nil, defaultLocale: composer.sender.defaultLocale
            )
            let language = LocaleTag(locale)?.language ?? locale
            counts[Gap(language: language, missingTemplate: ownTemplate.isFallback, members: 0), default: 0] += number
        }
        return counts.map { gap, count in Gap(language: gap.language, missingTemplate: gap.missingTemplate, members: count) }
            .sorted { ($0.members, $1.language) > ($1.members, $0.language) }
    }

    /// Refuses gaps unless `fallback` (then those members get the default locale's message);
    /// refuses even then when the default locale itself is missing.
    public static func languages(
        memberLocales: [String], template: String, stored: Data?, composer: MessageComposer, fallback: Bool
    ) throws(InputError) {
        var data: [String: TemplateValue] = [:]
        if let stored { data = try TemplateData.decode(stored, source: "--data") }
        let gaps = gaps(memberLocales: memberLocales, template: template, data: data, composer: composer)
        guard !gaps.isEmpty else { return }
        let defaultLocale = composer.sender.defaultLocale
        let defaultLanguage = LocaleTag(defaultLocale)?.language ?? defaultLocale
        if let own = gaps.first(where: { $0.language == defaultLanguage }) {
            throw InputError(
                "\(template) has no \(own.missingTemplate ? "template file" : "data") in the default locale \(defaultLocale) (\(count(own.members))): give --data \(defaultLocale)=FILE.json")
        }
        if fallback {
            if let languages = AnnouncementData.perLocale(data), MessageLanguage.pick(languages, for: defaultLocale) == nil {
                throw InputError("--fallback sends the default locale's message, but the data has no \(defaultLocale): give --data \(defaultLocale)=FILE.json")
            }
            return
        }
        var phrases: [String] = []
        for missingTemplate in [false, true] {
            let listed = gaps.filter { $0.missingTemplate == missingTemplate }.map { "\($0.language) (\(count($0.members)))" }
            guard !listed.isEmpty else { continue }
            phrases.append((missingTemplate ? "no template file in " : "no data in ") + listed.joined(separator: ", "))
        }
        throw InputError(
            "\(template) has \(phrases.joined(separator: "; ")): give --data LOCALE=FILE.json for these languages, or --fallback to send these members the whole message in \(defaultLocale)")
    }

    static func count(_ members: Int) -> String {
        members == 1 ? "1 member" : "\(members) members"
    }
}

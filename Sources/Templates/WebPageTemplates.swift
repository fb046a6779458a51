import Foundation
import Mustache

/// The pages members see on relaisd's web endpoint, from `templates/_web/`: `layout.mustache`
/// (the frame, the messages' colours), `style.css`, and one folder per page with one file per
/// language (`unsubscribe/fr.mustache`), which translators edit like the mail templates.
///
/// Values are HTML-escaped by Mustache's `{{…}}`; only the rendered page body goes into the
/// frame unescaped (`{{{body}}}`).
public final class WebPageTemplates: Sendable {
    /// The pages relaisd serves.
    public static let pageNames = ["unsubscribe", "unsubscribed", "preferences", "rsvp", "answered", "error"]

    let layout: MustacheTemplate
    let pages: [String: [String: MustacheTemplate]]
    /// The stylesheet, served at `/static/relais.css`.
    public let stylesheet: String
    let defaultLocale: String

    /// Loads and compiles every page under `directory/_web`; throws naming the first file missing or invalid.
    public init(directory: String, defaultLocale: String) throws(TemplateError) {
        let web = (directory as NSString).appendingPathComponent("_web")
        func load(_ name: String) throws(TemplateError) -> String {
            let path = (web as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw TemplateError(file: path, reason: "cannot be read") }
            return text
        }
        func compile(_ name: String) throws(TemplateError) -> MustacheTemplate {
            let text = try load(name)
            do { return try MustacheTemplate(string: text) } catch {
                throw TemplateError(file: (web as NSString).appendingPathComponent(name), reason: "does not parse: \(error)")
            }
        }
        layout = try compile("layout.mustache")
        stylesheet = try load("style.css")
        var pages: [String: [String: MustacheTemplate]] = [:]
        for page in Self.pageNames {
            let folder = (web as NSString).appendingPathComponent(page)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            var byLocale: [String: MustacheTemplate] = [:]
            for file in files.sorted() where file.hasSuffix(".mustache") {
                byLocale[String(file.dropLast(".mustache".count))] = try compile(page + "/" + file)
            }
            guard byLocale[defaultLocale] != nil else {
                throw TemplateError(file: folder, reason: "has no \(defaultLocale).mustache (the default locale)")
            }
            pages[page] = byLocale
        }
        self.pages = pages
        self.defaultLocale = defaultLocale
    }

    /// The file a reader of `locale` gets for `page`: hers (`fr-BE`, then `fr`), else the default locale's.
    public func resolve(_ page: String, locale: String?) -> String {
        let available = pages[page] ?? [:]
        if let locale {
            if available[locale] != nil { return locale }
            let language = String(locale.prefix { $0 != "-" && $0 != "_" })
            if available[language] != nil { return language }
        }
        return defaultLocale
    }

    /// The whole HTML of `page` for a reader of `locale`; `values` fill its placeholders and the
    /// frame's (`organization`, `base`); `lang` is set to the file's language.
    public func render(_ page: String, locale: String?, values: [String: Any]) -> String {
        let language = resolve(page, locale: locale)
        var context = values
        context["lang"] = language
        context["body"] = pages[page]?[language]?.render(context) ?? ""
        return layout.render(context)
    }

    /// What `templates check` says of `directory/_web`: an error when it cannot be loaded, a
    /// warning for each configured language a page has no file for.
    public static func check(directory: String, locales: [String], defaultLocale: String) -> [TemplateProblem] {
        let templates: WebPageTemplates
        do { templates = try WebPageTemplates(directory: directory, defaultLocale: defaultLocale) } catch {
            return [TemplateProblem(error)]
        }
        var problems: [TemplateProblem] = []
        for page in pageNames {
            for locale in locales where templates.resolve(page, locale: locale) != locale && templates.pages[page]?[locale] == nil {
                let used = templates.resolve(page, locale: locale)
                if used == String(locale.prefix { $0 != "-" }) { continue }
                problems.append(TemplateProblem(
                    severity: .warning, file: "\(directory)/_web/\(page)/\(locale).mustache",
                    message: "missing; members in '\(locale)' get \(page)/\(used).mustache"))
            }
        }
        return problems
    }
}

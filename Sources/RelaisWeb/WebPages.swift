import Foundation
import Hummingbird
import Mustache
import NIOCore

/// The members' pages, from `templates/_web/`: `layout.mustache` (the frame, the same colours
/// as the messages), `style.css`, and one folder per page with one file per language
/// (`unsubscribe/fr.mustache`), which translators edit like the mail templates.
///
/// Values from members and events are HTML-escaped by Mustache's `{{…}}`; only the rendered
/// page body goes into the frame unescaped.
public final class WebPages: Sendable {
    /// The pages Relais serves.
    public static let pageNames = ["unsubscribe", "unsubscribed", "preferences", "rsvp", "answered", "error"]

    let layout: MustacheTemplate
    let pages: [String: [String: MustacheTemplate]]
    /// The stylesheet, served at `/static/relais.css`.
    let stylesheet: [UInt8]
    let defaultLocale: String
    let organization: String
    /// `web.base_url`, for the stylesheet's address.
    let base: String

    /// Loads and compiles every page under `directory/_web`; throws naming the first file missing or invalid.
    public init(templatesDirectory directory: String, defaultLocale: String, organization: String, base: String) throws(WebPagesError) {
        let web = (directory as NSString).appendingPathComponent("_web")
        func load(_ name: String) throws(WebPagesError) -> String {
            let path = (web as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw WebPagesError(file: path, reason: "cannot be read") }
            return text
        }
        func compile(_ name: String) throws(WebPagesError) -> MustacheTemplate {
            let text = try load(name)
            do { return try MustacheTemplate(string: text) } catch {
                throw WebPagesError(file: (web as NSString).appendingPathComponent(name), reason: "\(error)")
            }
        }
        layout = try compile("layout.mustache")
        stylesheet = Array(try load("style.css").utf8)
        var pages: [String: [String: MustacheTemplate]] = [:]
        for page in Self.pageNames {
            let folder = (web as NSString).appendingPathComponent(page)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            var byLocale: [String: MustacheTemplate] = [:]
            for file in files where file.hasSuffix(".mustache") {
                byLocale[String(file.dropLast(".mustache".count))] = try compile(page + "/" + file)
            }
            guard byLocale[defaultLocale] != nil || byLocale["en"] != nil else {
                throw WebPagesError(file: folder, reason: "has no \(defaultLocale).mustache")
            }
            pages[page] = byLocale
        }
        self.pages = pages
        self.defaultLocale = defaultLocale
        self.organization = organization
        self.base = base
    }

    /// The language a page for a reader of `locale` is shown in: hers (`fr-BE`, then `fr`), else the default.
    func resolve(_ page: String, locale: String?) -> String {
        let available = pages[page] ?? [:]
        if let locale {
            if available[locale] != nil { return locale }
            let language = String(locale.prefix { $0 != "-" && $0 != "_" })
            if available[language] != nil { return language }
        }
        return available[defaultLocale] != nil ? defaultLocale : "en"
    }

    /// The full HTML of `page` for a reader of `locale`, with `values` for its placeholders.
    func html(_ page: String, locale: String?, values: [String: Any]) -> String {
        let language = resolve(page, locale: locale)
        var context = values
        context["organization"] = organization
        context["lang"] = language
        context["base"] = base
        let body = pages[page]?[language]?.render(context) ?? ""
        context["body"] = body
        return layout.render(context)
    }

    /// A `text/html` response of `page`.
    func response(_ page: String, status: HTTPResponse.Status = .ok, locale: String?, values: [String: Any]) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html(page, locale: locale, values: values))))
    }

    /// The neutral page for an error status (404 for a bad link: it says nothing of why).
    func errorPage(status: HTTPResponse.Status, locale: String?) -> Response {
        let kind = switch status.code {
        case 404: "notFound"
        case 400, 413, 415: "badRequest"
        default: "serverError"
        }
        return response("error", status: status, locale: locale, values: [kind: true, "status": Int(status.code)])
    }

    /// The stylesheet response.
    func stylesheetResponse() -> Response {
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: stylesheet)))
    }
}

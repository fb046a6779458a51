import Foundation
import Hummingbird
import NIOCore
import Templates

/// The members' pages as HTTP responses, from ``WebPageTemplates`` (`templates/_web/`).
public final class WebPages: Sendable {
    let templates: WebPageTemplates
    let organization: String
    /// `web.base_url`, for the stylesheet's address.
    let base: String

    /// Loads the pages of `templatesDirectory/_web`; throws naming the first file missing or invalid.
    public init(templatesDirectory: String, defaultLocale: String, organization: String, base: String) throws(TemplateError) {
        templates = try WebPageTemplates(directory: templatesDirectory, defaultLocale: defaultLocale)
        self.organization = organization
        self.base = base
    }

    /// A `text/html` response of `page` for a reader of `locale`, with `values` for its placeholders.
    func response(_ page: String, status: HTTPResponse.Status = .ok, locale: String?, values: [String: Any]) -> Response {
        var context = values
        context["organization"] = organization
        context["base"] = base
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: templates.render(page, locale: locale, values: context))))
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
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: templates.stylesheet)))
    }
}

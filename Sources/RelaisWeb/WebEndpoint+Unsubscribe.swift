import Foundation
import Hummingbird
import StoreModel

/// `/u/<key>[/<list>]`: GET shows the page with one button; POST (RFC 8058 one-click, or that
/// button) unsubscribes at once, idempotently.
extension WebEndpoint {
    /// The list a link names among hers, or 404; nil when the link names none (everything).
    func list(of member: WebMember, _ context: some RequestContext) throws -> WebMember.ListEntry? {
        guard let text = context.parameters.get("list") else { return nil }
        guard let id = Int64(text), let list = member.lists.first(where: { $0.id == id }) else { throw HTTPError(.notFound) }
        return list
    }

    func unsubscribePage(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let member = try await member(context)
        let list = try list(of: member, context)
        return pages.response("unsubscribe", locale: member.locale, values: [
            "name": member.name, "list": list?.name ?? "", "everything": list == nil,
            "alreadyLeft": list.map { !$0.subscribed } ?? (member.status != "active"),
            "preferencesURL": preferencesURL(member, context),
        ])
    }

    func unsubscribe(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let member = try await member(context)
        let list = try list(of: member, context)
        let form = try await form(request)
        guard form.isOneClick else { throw HTTPError(.badRequest) }
        if let list {
            _ = try await blocking { try $0.leaveList(memberId: member.id, listId: list.id, source: .web, now: Date()) }
        } else {
            try await blocking { try $0.leaveEverything(memberId: member.id, source: .web, now: Date()) }
        }
        return pages.response("unsubscribed", locale: member.locale, values: [
            "name": member.name, "list": list?.name ?? "", "everything": list == nil,
            "preferencesURL": preferencesURL(member, context),
        ])
    }
}

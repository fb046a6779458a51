import Foundation
import Hummingbird
import Relais
import StoreModel

/// `/p/<key>`: her language, her lists (leave or rejoin each), or leave everything.
extension WebEndpoint {
    func preferencesPage(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let member = try await member(context)
        return pages.response("preferences", locale: member.locale, values: values(member))
    }

    func savePreferences(_ request: Request, _ context: some RequestContext) async throws -> Response {
        let member = try await member(context)
        let form = try await form(request)
        if form.value("action") == "leave-all" {
            try await blocking { try $0.leaveEverything(memberId: member.id, source: .web, now: Date()) }
        } else {
            let kept = Set(form.values("list").compactMap(Int64.init))
            let locale = form.value("locale").flatMap { value in locales.contains(value) ? value : nil }
            try await blocking { store in
                let now = Date()
                if let locale, locale != member.locale { try store.setLanguage(memberId: member.id, locale: locale, source: .web, now: now) }
                for list in member.lists {
                    if kept.contains(list.id), !list.subscribed || member.status == "unsubscribed" {
                        try store.rejoinList(memberId: member.id, listId: list.id, source: .web, now: now)
                    } else if !kept.contains(list.id), list.subscribed {
                        try store.leaveList(memberId: member.id, listId: list.id, source: .web, now: now)
                    }
                }
            }
        }
        guard let (id, token) = MemberLinks.parse(key: key(context)),
              let updated = try await blocking({ try $0.webMember(id: id, token: token) })
        else { throw HTTPError(.notFound) }
        var values = values(updated)
        values["saved"] = true
        return pages.response("preferences", locale: updated.locale, values: values)
    }

    private func values(_ member: WebMember) -> [String: Any] {
        let active = member.status == "active"
        return [
            "name": member.name, "email": member.email, "active": active,
            "languages": locales.map { code in
                ["code": code, "name": Self.languageName(code), "selected": code == member.locale] as [String: Any]
            },
            "lists": member.lists.map { list in
                ["id": String(list.id), "name": list.name, "subscribed": list.subscribed && active] as [String: Any]
            },
            "hasLists": !member.lists.isEmpty,
        ]
    }

    /// A language's name in that language (`Français`), for the language menu.
    static func languageName(_ code: String) -> String {
        let locale = Locale(identifier: code)
        let name = locale.localizedString(forIdentifier: code) ?? code
        return name.prefix(1).uppercased() + name.dropFirst()
    }
}

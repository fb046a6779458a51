import Foundation
import Relais
import Store

/// `member list --json` / `member show --json` objects.
struct MemberJSON: Encodable {
    var email: String
    var name: String
    var locale: String
    var status: String
    var lists: [String]
    var unsubscribedLists: [String]
    var createdAt: Date

    init(_ listing: MemberListing) {
        email = listing.member.email
        name = listing.member.name
        locale = listing.member.locale
        status = listing.member.status.rawValue
        lists = listing.lists
        unsubscribedLists = listing.unsubscribedLists
        createdAt = listing.member.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case email, name, locale, status, lists
        case unsubscribedLists = "unsubscribed_lists"
        case createdAt = "created_at"
    }
}

/// `member import --json`.
struct ImportSummaryJSON: Encodable {
    var added: Int
    var updated: Int
    var unchanged: Int
    var invalid: [String]
    var suppressed: Int

    init(_ report: MemberImporter.Report) {
        added = report.summary.added
        updated = report.summary.updated
        unchanged = report.summary.unchanged
        invalid = report.invalidRows.map(\.description)
        suppressed = report.suppressed.count
    }
}

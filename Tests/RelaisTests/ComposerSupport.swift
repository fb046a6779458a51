import Foundation
import MIME
@testable import Relais
@testable import RelaisSettings
import RelaisTestSupport
import Templates

/// Shared fixtures of the composer tests: the shipped catalog, a sender, requests, and the
/// Python oracles (`scripts/mime-check.py`, `scripts/ics-check.py`) run once per batch.
enum ComposerFixture {
    static let locales = ["fr-BE", "en", "es-ES", "de-DE"]
    static let kinds = ["meetup-reminder", "meetup-announcement", "meetup-cancelled", "meetup-changed", "newsletter", "welcome"]

    static let sender = SenderSettings(
        fromName: "Réseau Mompreneurs Belgique", fromAddress: try! EmailAddress("bonjour@mompreneurs.example"),
        replyTo: try! EmailAddress("coordination@mompreneurs.example"), organization: "Mompreneurs Belgique",
        defaultLocale: "fr", locales: ["fr", "en", "es", "de"],
        unsubscribeURL: "https://mompreneurs.example/desinscription/{token}"
    )

    static func composer() throws -> MessageComposer {
        let catalog = try TemplateCatalog(
            directory: URL(fileURLWithPath: Repository.path("templates")), locales: sender.locales, defaultLocale: sender.defaultLocale
        )
        return MessageComposer(sender: sender, catalog: catalog)
    }

    /// 2026-03-03 08:30 in Brussels (07:30 UTC), 90 minutes.
    static func event(start: Date = Date(timeIntervalSince1970: 1_772_523_000), zone: String = "Europe/Brussels") -> CalendarInfo {
        CalendarInfo(
            uid: "event-7-20260303T083000@mompreneurs.example", sequence: 2, stamp: Date(timeIntervalSince1970: 1_772_000_000),
            titles: ["fr": "Petit-déjeuner réseautage", "en": "Networking breakfast", "es": "Desayuno de networking", "de": "Netzwerk-Frühstück"],
            descriptions: ["fr": "Café, croissants; présentations (5 min)", "en": "Coffee, croissants; introductions"],
            location: "Maison des Associations, Rue du Marché 12, 1000 Bruxelles", url: "https://mompreneurs.example/agenda/7",
            start: start, end: start.addingTimeInterval(5400), timeZone: TimeZone(identifier: zone)!
        )
    }

    static func request(
        _ template: String, locale: String, name: String = "Ana Núñez García", email: String = "ana@example.net",
        index: Int = 1, event: CalendarInfo? = event()
    ) -> CompositionRequest {
        let data = MessageContext.sample(locale: locale).data
        return CompositionRequest(
            messageId: "<row-\(index).\(template)@mompreneurs.example>", date: Date(timeIntervalSince1970: 1_772_380_800),
            recipientName: name, recipientEmail: email, locale: locale, unsubscribeToken: "tok\(index)",
            template: template, kind: .announcement, listName: "Petits-déjeuners Bruxelles",
            event: template.hasPrefix("meetup-") ? event : nil, data: data, now: Date(timeIntervalSince1970: 1_772_355_600)
        )
    }
}

/// Runs a Python oracle over files written to a temporary directory, in one process.
enum Oracle {
    static func run(_ script: String, _ files: [[UInt8]]) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: PythonCheck.run(script, files, fileExtension: "bin"))
        if let list = json as? [[String: Any]] { return list }
        if let one = json as? [String: Any] { return [one] }
        throw OracleFailure(description: "\(script): unexpected output")
    }

    struct OracleFailure: Error, CustomStringConvertible {
        var description: String
    }
}

extension Dictionary where Key == String, Value == Any {
    /// `self[a][b]…` through nested objects.
    subscript(path path: String...) -> Any? {
        var value: Any? = self
        for key in path { value = (value as? [String: Any])?[key] }
        return value
    }
}

/// UTC ISO 8601 with a Z, as ics-check.py prints instants.
func isoUTC(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
}

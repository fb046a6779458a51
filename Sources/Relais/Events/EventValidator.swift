import Foundation
import MIME
import Recurrence
import Store

/// Checks what coordinators type about events and turns it into an ``Event``.
///
/// Every error is an ``InputError`` (exit 65; a missing required value 64) naming the value: a malformed RRULE (the
/// `Recurrence` message, naming the part), an unknown zone, a bad local time, a title locale
/// not in `sender.locales`, control characters in a title or location, a bad duration or
/// offset, a bad or unknown list, a non-http(s) URL.
public struct EventValidator: Sendable {
    /// `sender.locales`: the locales titles and descriptions may be written in.
    public let locales: [String]
    /// The lists that exist; nil skips the check (only the syntax of names is checked).
    public let knownLists: [String]?
    /// The template directory, to check template kinds exist; nil skips the check.
    public let templatesDirectory: String?

    /// The template used when none is given.
    public static let defaultTemplate = "meetup-reminder"
    /// The duration used when none is given: two hours.
    public static let defaultDuration = 2 * 3600

    /// A validator.
    public init(locales: [String], knownLists: [String]? = nil, templatesDirectory: String? = nil) {
        self.locales = locales
        self.knownLists = knownLists
        self.templatesDirectory = templatesDirectory
    }

    /// A new event from `changes` (title, start, zone and a list required), with a fresh `uid`.
    public func newEvent(_ changes: EventChanges, uid: String, now: Date) throws(InputError) -> Event {
        let usage = Sysexits.usage
        guard !changes.titles.isEmpty else { throw InputError("missing title: give at least one --title LOCALE=TEXT", exitCode: usage) }
        guard changes.start != nil else { throw InputError("missing start: give --start YYYY-MM-DDTHH:MM", exitCode: usage) }
        guard changes.timeZone != nil else { throw InputError("missing time zone: give --tz ZONE (e.g. Europe/Brussels)", exitCode: usage) }
        guard !(changes.lists ?? []).isEmpty else { throw InputError("missing list: give at least one --list LIST", exitCode: usage) }
        var event = Event(
            uid: uid, titles: [:], descriptions: [:], startLocal: "", timeZone: "", rule: nil,
            durationSeconds: Self.defaultDuration, lists: [], reminders: [], template: Self.defaultTemplate,
            location: nil, url: nil, now: now)
        try apply(changes, to: &event)
        if changes.template == nil { try checkTemplate(event.template) }
        return event
    }

    /// Applies `changes` to `event` (see ``EventChanges`` for the merge rules), validating each
    /// value and then the whole (the rule with its start and zone).
    public func apply(_ changes: EventChanges, to event: inout Event) throws(InputError) {
        for (locale, text) in try localized(changes.titles, field: "title") {
            guard let text, !text.isEmpty else { throw InputError("empty title for locale \(locale)") }
            event.titles[locale] = try MemberValidator.validateText(text, field: "title")
        }
        for (locale, text) in try localized(changes.descriptions, field: "description") {
            if let text, !text.isEmpty {
                event.descriptions[locale] = try Self.validateDescription(text)
            } else {
                event.descriptions[locale] = nil
            }
        }
        if let start = changes.start { event.startLocal = try Self.parseLocal(start, option: "--start").description }
        if let zone = changes.timeZone {
            do { _ = try TimeZoneLookup.zone(named: zone) } catch { throw InputError(error.description) }
            event.timeZone = zone
        }
        if let rule = changes.rule { event.rule = rule.isEmpty ? nil : try Self.validateRule(rule).text }
        if let duration = changes.duration { event.durationSeconds = try Self.parseDuration(duration) }
        if let lists = changes.lists { event.lists = try validateLists(lists) }
        if let reminders = changes.reminders {
            var offsets: [ReminderOffset] = []
            for text in reminders {
                let offset = try ReminderOffset(parsing: text)
                if !offsets.contains(offset) { offsets.append(offset) }
            }
            event.reminders = offsets.sorted(by: >).map(\.description)
        }
        if let template = changes.template {
            try checkTemplate(template)
            event.template = template
        }
        if let location = changes.location {
            let clean = try MemberValidator.validateText(location, field: "location")
            event.location = clean.isEmpty ? nil : clean
        }
        if let url = changes.url { event.url = url.isEmpty ? nil : try Self.validateURL(url) }
        guard !event.titles.isEmpty else { throw InputError("missing title: give at least one --title LOCALE=TEXT") }
        // The whole must make a schedule; a new event has no id yet, and 0 is never one.
        _ = try EventSchedule(StoredEvent(event: Stored(id: 0, event), exceptions: []))
    }

    /// Splits `LOCALE=TEXT` entries; the locale must be one of `sender.locales` (or a regional
    /// variant) and appear once. The text is nil when empty.
    func localized(_ entries: [String], field: String) throws(InputError) -> [(String, String?)] {
        var seen = Set<String>()
        var result: [(String, String?)] = []
        let checker = MemberValidator(locales: locales)
        for entry in entries {
            guard let equals = entry.firstIndex(of: "=") else {
                throw InputError("invalid \(field) \"\(entry.visibleControlCharacters)\": expected LOCALE=TEXT, e.g. fr=Petit-déjeuner")
            }
            let locale = try checker.validateLocale(String(entry[..<equals]))
            guard seen.insert(locale).inserted else { throw InputError("\(field) for locale \(locale) given twice") }
            let text = String(entry[entry.index(after: equals)...])
            result.append((locale, text.isEmpty ? nil : text))
        }
        return result
    }

    /// Names checked by ``MemberValidator/validateListName(_:)``, deduplicated, and known when
    /// ``knownLists`` is set.
    func validateLists(_ lists: [String]) throws(InputError) -> [String] {
        var clean: [String] = []
        for list in lists {
            let name = list.trimmingCharacters(in: .whitespaces)
            try MemberValidator.validateListName(name)
            if let knownLists {
                guard let known = knownLists.first(where: { $0.lowercased() == name.lowercased() }) else {
                    let names = knownLists.isEmpty ? "none yet (create one with relaisctl list add NAME)" : knownLists.joined(separator: ", ")
                    throw InputError("unknown list \"\(name)\": known lists are \(names)")
                }
                if !clean.contains(known) { clean.append(known) }
            } else if !clean.contains(where: { $0.lowercased() == name.lowercased() }) {
                clean.append(name)
            }
        }
        guard !clean.isEmpty else { throw InputError("missing list: give at least one --list LIST") }
        return clean
    }

    /// Checks the template kind's name (and that it exists, when ``templatesDirectory`` is set).
    func checkTemplate(_ kind: String) throws(InputError) {
        let allowed = kind.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
        guard allowed, !kind.isEmpty, !kind.hasPrefix("-"), !kind.hasPrefix("_"), kind.count <= 64 else {
            throw InputError("invalid template \"\(kind.visibleControlCharacters)\": expected a name such as meetup-reminder")
        }
        if let templatesDirectory { try TemplateNames.check(kind, in: templatesDirectory) }
    }
}

import Foundation

/// What a template kind declares about itself, in `<kind>/manifest.json`:
/// `{"audience": "event-lists", "calendar": "cancel", "list_headers": true, "bulk": false, "required_data": []}`.
///
/// Queueing, composing, `preview` and `templates check` read it, so a kind's behaviour (whom it
/// goes to, its calendar, its list headers, the data it needs) belongs to the template, not to
/// its name: a new kind needs no Swift change. A kind without a file has the defaults
/// (``init(audience:calendar:listHeaders:bulk:requiredData:)``).
public struct KindManifest: Sendable, Hashable {
    /// Whom messages of a kind go to.
    public enum Audience: String, Sendable, Hashable, CaseIterable {
        /// The members of the lists given when it is announced.
        case lists
        /// The members of an event's lists: the message is about one occurrence of that event.
        case eventLists = "event-lists"
        /// One member (a welcome).
        case member
    }

    /// The calendar part a kind's messages carry.
    public enum Calendar: String, Sendable, Hashable, CaseIterable {
        /// No calendar.
        case none
        /// `METHOD:PUBLISH`: the occurrence, to add to a calendar.
        case publish
        /// `METHOD:CANCEL`: the occurrence is cancelled.
        case cancel
    }

    /// The manifest's file name inside a kind's folder.
    public static let fileName = "manifest.json"
    /// The keys a manifest may have.
    public static let knownKeys: Set<String> = ["audience", "calendar", "list_headers", "bulk", "required_data"]

    /// Whom its messages go to.
    public var audience: Audience
    /// Its calendar part.
    public var calendar: Calendar
    /// Whether its messages carry `List-Id`, `List-Unsubscribe`, `List-Unsubscribe-Post` and the
    /// unsubscribe link (`{{unsubscribeURL}}`): true for everything sent because of a list.
    public var listHeaders: Bool
    /// Whether its messages carry `Precedence: bulk` (newsletters, announcements).
    public var bulk: Bool
    /// The `{{data.…}}` fields every language's data must give (present, not empty).
    public var requiredData: [String]

    /// A manifest; the defaults are those of a kind without a file: to lists, no calendar,
    /// list headers, not bulk, no required data.
    public init(
        audience: Audience = .lists, calendar: Calendar = .none, listHeaders: Bool = true, bulk: Bool = false,
        requiredData: [String] = []
    ) {
        self.audience = audience
        self.calendar = calendar
        self.listHeaders = listHeaders
        self.bulk = bulk
        self.requiredData = requiredData
    }

    /// True when a message of this kind is about an event occurrence (it must be given one).
    public var needsEvent: Bool { audience == .eventLists }

    /// Reads a manifest; an unknown key, a value of the wrong shape or a calendar without an
    /// event is an error naming `file`.
    public init(json: Data, file: String) throws(TemplateError) {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw TemplateError(file: file, reason: "not a JSON object such as {\"audience\": \"lists\", \"required_data\": [\"title\"]}")
        }
        if let unknown = object.keys.sorted().first(where: { !Self.knownKeys.contains($0) }) {
            throw TemplateError(file: file, reason: "unknown key \"\(unknown)\" (known: \(Self.knownKeys.sorted().joined(separator: ", ")))")
        }
        let raw: Raw
        do {
            raw = try JSONDecoder().decode(Raw.self, from: json)
        } catch {
            throw TemplateError(
                file: file, reason: "wrong value: audience and calendar are names, list_headers and bulk true or false, required_data a list of field names")
        }
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ value: String?, _ fallback: T) throws(TemplateError) -> T
        where T.RawValue == String {
            guard let value else { return fallback }
            guard let parsed = T(rawValue: value) else {
                throw TemplateError(file: file, reason: "\(key) \"\(value)\": expected one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return parsed
        }
        audience = try choice("audience", raw.audience, Audience.lists)
        calendar = try choice("calendar", raw.calendar, Calendar.none)
        listHeaders = raw.list_headers ?? (audience != .member)
        bulk = raw.bulk ?? false
        requiredData = raw.required_data ?? []
        if calendar != .none, audience != .eventLists {
            throw TemplateError(
                file: file, reason: "calendar \"\(calendar.rawValue)\" needs an event: set \"audience\": \"event-lists\" (or \"calendar\": \"none\")")
        }
    }

    /// The file as written; every key optional.
    private struct Raw: Decodable {
        var audience: String?
        var calendar: String?
        var list_headers: Bool?
        var bulk: Bool?
        var required_data: [String]?
    }

    /// The required fields that `data` lacks or leaves empty (an empty text, list or object, or null).
    public func missingFields(in data: [String: TemplateValue]) -> [String] {
        requiredData.filter { field in
            switch data[field] {
            case .none, .null?: true
            case .string(let text)?: text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            case .array(let items)?: items.isEmpty
            case .object(let object)?: object.isEmpty
            default: false
            }
        }
    }
}

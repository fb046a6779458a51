import Foundation

/// What a template kind declares about itself, in `<kind>/manifest.json` (optional):
/// `{"required_data": ["title", "paragraphs"]}`.
///
/// Read by `announce` (which refuses a message without the data it needs), by `preview` and by
/// `templates check`, so the behaviour belongs to the template, not to its name.
public struct KindManifest: Sendable, Hashable {
    /// The manifest's file name inside a kind's folder.
    public static let fileName = "manifest.json"
    /// The keys a manifest may have.
    static let knownKeys: Set<String> = ["required_data"]

    /// The `{{data.…}}` fields every language's data must give (present, not empty).
    public var requiredData: [String]

    /// A manifest; a kind without a file has an empty one.
    public init(requiredData: [String] = []) {
        self.requiredData = requiredData
    }

    /// Reads a manifest; an unknown key or a value of the wrong shape is an error naming `file`.
    public init(json: Data, file: String) throws(TemplateError) {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw TemplateError(file: file, reason: "not a JSON object such as {\"required_data\": [\"title\"]}")
        }
        if let unknown = object.keys.sorted().first(where: { !Self.knownKeys.contains($0) }) {
            throw TemplateError(file: file, reason: "unknown key \"\(unknown)\" (known: \(Self.knownKeys.sorted().joined(separator: ", ")))")
        }
        guard let fields = object["required_data"] as? [String] ?? (object["required_data"] == nil ? [] : nil) else {
            throw TemplateError(file: file, reason: "required_data must be a list of field names")
        }
        requiredData = fields
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

import Foundation
import Templates

/// Template data (`{{data.…}}`) from JSON: an announcement's payload or `preview --data FILE.json`.
public enum TemplateData {
    /// The object in `json` as template values; `source` names it in the one-line error.
    /// Numbers without a fraction become integers (with plural forms), others decimals.
    public static func decode(_ json: Data, source: String) throws(InputError) -> [String: TemplateValue] {
        let decoded: JSONValue
        do {
            decoded = try JSONDecoder().decode(JSONValue.self, from: json)
        } catch let error as DecodingError {
            throw InputError("\(source): not valid JSON (\(Self.reason(error)))")
        } catch {
            throw InputError("\(source): not valid JSON")
        }
        guard case .object(let object) = decoded.value else {
            throw InputError("\(source): expected a JSON object such as {\"title\": \"…\"}")
        }
        return object
    }

    /// The parser's explanation without Foundation's boilerplate.
    static func reason(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context):
            if let underlying = context.underlyingError {
                let text = (underlying as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(underlying)"
                return text.split(separator: "\n").first.map(String.init) ?? context.debugDescription
            }
            return context.debugDescription
        default:
            return "\(error)"
        }
    }

    /// One JSON value read as a template value.
    struct JSONValue: Decodable {
        let value: TemplateValue

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .null
            } else if let flag = try? container.decode(Bool.self) {
                value = .bool(flag)
            } else if let number = try? container.decode(Int.self) {
                value = .int(number)
            } else if let number = try? container.decode(Double.self) {
                value = .double(number)
            } else if let text = try? container.decode(String.self) {
                value = .string(text)
            } else if let list = try? container.decode([JSONValue].self) {
                value = .array(list.map(\.value))
            } else {
                value = .object(try container.decode([String: JSONValue].self).mapValues(\.value))
            }
        }
    }
}

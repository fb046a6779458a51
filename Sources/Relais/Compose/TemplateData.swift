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
            if let (line, column, reason) = Self.position(in: json) {
                throw InputError("\(source):\(line):\(column): not valid JSON (\(reason))")
            }
            throw InputError("\(source): not valid JSON (\(Self.reason(error)))")
        } catch {
            throw InputError("\(source): not valid JSON")
        }
        guard case .object(let object) = decoded.value else {
            throw InputError("\(source): expected a JSON object such as {\"title\": \"…\"}")
        }
        return object
    }

    /// Where `json` stops being JSON, as a 1-based line and column (in characters), and why:
    /// JSONSerialization says "… around character N"; N is turned into a line and a column.
    static func position(in json: Data) -> (line: Int, column: Int, reason: String)? {
        do {
            _ = try JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])
            return nil
        } catch {
            let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            guard let range = text.range(of: "around character "),
                  let offset = Int(text[range.upperBound...].prefix(while: \.isNumber))
            else { return nil }
            let bytes = json.prefix(max(0, min(offset, json.count)))
            let line = bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            let lineStart = bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.startIndex
            let column = String(decoding: bytes[lineStart...], as: UTF8.self).count + 1
            let reason = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            return (line, column, reason.isEmpty ? "unexpected text" : reason.prefix(1).lowercased() + reason.dropFirst())
        }
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

import Foundation

/// A received message or one of its MIME parts, parsed just enough to classify it: unfolded
/// header fields, the Content-Type with its parameters, and the parts of a multipart body.
public struct MailEntity: Sendable {
    /// Header fields in order, names as written, values unfolded and trimmed.
    public let fields: [(name: String, value: String)]
    /// The body bytes (after the blank line), as received.
    public let body: [UInt8]

    /// Parses `bytes` (CRLF or LF line ends). A message without a blank line is all headers.
    public init(bytes: [UInt8]) {
        var index = 0
        var rawLines: [String] = []
        while index < bytes.count {
            var end = index
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var line = bytes[index..<end]
            if line.last == 0x0D { line = line.dropLast() }
            index = min(end + 1, bytes.count)
            if line.isEmpty { break }
            rawLines.append(String(decoding: line, as: UTF8.self))
        }
        var fields: [(name: String, value: String)] = []
        for line in rawLines {
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                               String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        self.fields = fields
        body = index < bytes.count ? Array(bytes[index...]) : []
    }

    /// The first value of the field `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Every value of the field `name`.
    public func headers(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// `type/subtype`, lower-case (`text/plain` when absent).
    public var mediaType: String {
        let value = header("Content-Type") ?? "text/plain"
        return value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "text/plain"
    }

    /// A Content-Type parameter (`boundary`, `report-type`), unquoted; nil when absent.
    public func contentTypeParameter(_ name: String) -> String? {
        guard let value = header("Content-Type") else { return nil }
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name.lowercased() else { continue }
            var text = pair[1].trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
            return text
        }
        return nil
    }

    /// The parts of a `multipart/*` body (empty for anything else, or without a boundary).
    public var parts: [MailEntity] {
        guard mediaType.hasPrefix("multipart/"), let boundary = contentTypeParameter("boundary"), !boundary.isEmpty else { return [] }
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [MailEntity] = []
        var start: Int?
        var index = 0
        while index < body.count {
            var end = index
            while end < body.count && body[end] != 0x0A { end += 1 }
            var line = body[index..<end]
            if line.last == 0x0D { line = line.dropLast() }
            if line.starts(with: delimiter) {
                if let start { parts.append(MailEntity(bytes: Array(body[start..<max(start, index)]))) }
                let rest = line.dropFirst(delimiter.count)
                if rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) { return parts }
                start = min(end + 1, body.count)
            }
            index = end + 1
        }
        if let start, start < body.count { parts.append(MailEntity(bytes: Array(body[start...]))) }
        return parts
    }

    /// The body of a `message/rfc822` or `text/rfc822-headers` part as a message (its headers).
    public var enclosedMessage: MailEntity { MailEntity(bytes: body) }

    /// Blank-line separated groups of `Name: value` fields: the body of a delivery-status or feedback report.
    public var fieldGroups: [MailEntity] {
        var groups: [MailEntity] = []
        var current: [UInt8] = []
        let text = body.split(separator: 0x0A, omittingEmptySubsequences: false).map { $0.last == 0x0D ? $0.dropLast() : $0 }
        for line in text {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                if !current.isEmpty { groups.append(MailEntity(bytes: current + [0x0D, 0x0A])) }
                current = []
            } else {
                current += line + [0x0D, 0x0A]
            }
        }
        if !current.isEmpty { groups.append(MailEntity(bytes: current + [0x0D, 0x0A])) }
        return groups
    }
}

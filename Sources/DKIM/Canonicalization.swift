/// RFC 6376 §3.4 "relaxed" canonicalization, and splitting a message into its header fields and body.
public enum Canonicalization {
    static let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, sp: UInt8 = 0x20, tab: UInt8 = 0x09, colon: UInt8 = 0x3A

    /// One header field as it appears in the message, continuation lines included, without its final CRLF.
    public struct HeaderField: Sendable, Equatable {
        /// The field's bytes from its name to the end of its last line.
        public var raw: [UInt8]
        /// The name, lower-cased (`from`).
        public var lowercasedName: String
    }

    /// The header fields of `message` in order, and the body (what follows the empty line).
    public static func split(_ message: [UInt8]) -> (fields: [HeaderField], body: ArraySlice<UInt8>) {
        var fields: [HeaderField] = []
        var index = message.startIndex
        var bodyStart = message.endIndex
        while index < message.endIndex {
            // The end of this physical line (the index of its CR), or the end of the message.
            var end = index
            while end < message.endIndex, !(message[end] == cr && end + 1 < message.endIndex && message[end + 1] == lf) { end += 1 }
            let line = message[index..<end]
            let next = min(end + 2, message.endIndex)
            if line.isEmpty {
                bodyStart = next
                break
            }
            if (line.first == sp || line.first == tab), !fields.isEmpty {
                fields[fields.count - 1].raw += [cr, lf] + line
            } else {
                let name = line.prefix { $0 != colon }
                fields.append(HeaderField(raw: Array(line), lowercasedName: String(decoding: name, as: UTF8.self).lowercased()))
            }
            index = next
        }
        return (fields, message[bodyStart...])
    }

    /// `name:value` with the name lower-cased, lines unfolded, runs of whitespace made one space,
    /// whitespace around the colon and at the end removed; no CRLF (the caller adds it).
    public static func relaxedHeader(_ raw: [UInt8]) -> [UInt8] {
        guard let colonIndex = raw.firstIndex(of: colon) else { return raw }
        var name = Array(raw[..<colonIndex])
        while let last = name.last, last == sp || last == tab { name.removeLast() }
        var out = name.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        out.append(colon)
        var value: [UInt8] = []
        var pendingSpace = false
        for byte in raw[(colonIndex + 1)...] where byte != cr && byte != lf {
            if byte == sp || byte == tab {
                pendingSpace = true
            } else {
                if pendingSpace, !value.isEmpty { value.append(sp) }
                pendingSpace = false
                value.append(byte)
            }
        }
        return out + value
    }

    /// The body with whitespace runs made one space, whitespace at line ends removed, empty lines
    /// at the end removed, and one final CRLF when anything is left (empty otherwise).
    public static func relaxedBody(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        var index = body.startIndex
        func finish() {
            while let last = line.last, last == sp || last == tab { line.removeLast() }
            lines.append(line)
            line = []
        }
        var pendingSpace = false
        while index < body.endIndex {
            let byte = body[index]
            if byte == cr, index + 1 < body.endIndex, body[index + 1] == lf {
                pendingSpace = false
                finish()
                index += 2
                continue
            }
            if byte == sp || byte == tab {
                pendingSpace = true
            } else {
                if pendingSpace { line.append(sp) }
                pendingSpace = false
                line.append(byte)
            }
            index += 1
        }
        if !line.isEmpty { finish() }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        for line in lines { out += line + [cr, lf] }
        return out
    }
}

/// The messages in a file given to `relaisctl bounce import`: one RFC 5322 message (`.eml`),
/// or an mbox (messages separated by `From ` lines, `>From ` unescaped).
public enum MailboxFile {
    /// Why a file's bytes are not messages.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// The file holds nothing.
        case empty
        /// Message `index` (1-based) does not start with a header field.
        case notAMessage(index: Int)

        /// One line.
        public var description: String {
            switch self {
            case .empty: "empty file: expected an RFC 5322 message or an mbox"
            case .notAMessage(let index):
                index == 1 ? "not an RFC 5322 message or an mbox (no header field at the start)"
                    : "message \(index) of the mbox has no header field at its start"
            }
        }
    }

    /// The messages in `bytes`: an mbox when it starts with `From `, else one message.
    /// Every message must start with a header field (`Name: value`).
    public static func messages(_ bytes: [UInt8]) throws(Problem) -> [[UInt8]] {
        guard bytes.contains(where: { !isSpace($0) }) else { throw .empty }
        let messages = startsWithFrom(bytes[...]) ? splitMbox(bytes) : [bytes]
        guard !messages.isEmpty else { throw .empty }
        for (offset, message) in messages.enumerated() where !startsWithHeader(message) {
            throw .notAMessage(index: offset + 1)
        }
        return messages
    }

    /// The messages of an mbox: each `From ` line starts one (and is dropped); a line of
    /// `>From ` (any number of `>`) loses one `>`; the blank line before a separator is dropped.
    static func splitMbox(_ bytes: [UInt8]) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        var current: [UInt8]?
        func finish() {
            guard var message = current else { return }
            if message.last == 0x0A { message.removeLast(); if message.last == 0x0D { message.removeLast() } }
            messages.append(message)
        }
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.endIndex
            let line = bytes[start..<end]
            if startsWithFrom(line) {
                finish()
                current = []
            } else if current != nil {
                var unescaped = line
                if let first = line.firstIndex(where: { $0 != UInt8(ascii: ">") }), first > line.startIndex,
                   startsWithFrom(line[first...]) {
                    unescaped = line.dropFirst()
                }
                current!.append(contentsOf: unescaped)
            }
            start = end
        }
        finish()
        return messages
    }

    static func startsWithFrom(_ line: ArraySlice<UInt8>) -> Bool {
        line.starts(with: Array("From ".utf8))
    }

    /// True when the first line is a header field: printable ASCII up to a colon, no space before it.
    static func startsWithHeader(_ message: [UInt8]) -> Bool {
        var body = message[...]
        while let first = body.first, first == 0x0D || first == 0x0A { body = body.dropFirst() }
        guard let colon = body.firstIndex(of: UInt8(ascii: ":")), colon > body.startIndex else { return false }
        return body[..<colon].allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}

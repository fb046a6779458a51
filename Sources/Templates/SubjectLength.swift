/// Estimates how long a subject is once RFC 2047-encoded, for `TemplateCatalog.check`.
///
/// A subject of printable ASCII is sent as is. Otherwise it is counted as encoded words in the
/// shorter of the two encodings: B (`=?UTF-8?B?` + base64 + `?=`, at most 45 bytes of text per
/// word, so each word stays within RFC 2047's 75 characters) or Q (`=?UTF-8?Q?` + text with
/// letters, digits, `!*+-/` kept, space as `_`, every other byte as `=XX`, words of at most
/// 75 characters); words are joined by one space (the folding point). The limit applies to
/// this encoded value, without the `Subject: ` name: it must be under 78 characters.
enum SubjectLength {
    /// The encoded subject must be shorter than this (RFC 5322's 78-character line).
    static let limit = 78

    /// Length of the subject as it would appear, encoded, after `Subject: `.
    static func encodedLength(_ subject: String) -> Int {
        if subject.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) {
            return subject.unicodeScalars.count
        }
        return min(bLength(subject), qLength(subject))
    }

    /// Encoded-word overhead: `=?UTF-8?B?` and `?=`.
    private static let overhead = 12

    static func bLength(_ subject: String) -> Int {
        var words: [Int] = []
        var bytes = 0
        for scalar in subject.unicodeScalars {
            let size = String(scalar).utf8.count
            if bytes + size > 45 {
                words.append(bytes)
                bytes = 0
            }
            bytes += size
        }
        if bytes > 0 { words.append(bytes) }
        let total = words.reduce(0) { $0 + overhead + 4 * (($1 + 2) / 3) }
        return total + max(0, words.count - 1)
    }

    static func qLength(_ subject: String) -> Int {
        var words: [Int] = []
        var length = 0
        for scalar in subject.unicodeScalars {
            let cost = String(scalar).utf8.reduce(0) { total, byte in
                let kept = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == 0x20 || "!*+-/".utf8.contains(byte)
                return total + (kept ? 1 : 3)
            }
            if overhead + length + cost > 75 {
                words.append(length)
                length = 0
            }
            length += cost
        }
        if length > 0 { words.append(length) }
        return words.reduce(0) { $0 + overhead + $1 } + max(0, words.count - 1)
    }
}

/// Writes header fields into a byte buffer, folding lines at 78 characters with CRLF + space.
///
/// Tokens are appended one at a time; a token preceded by whitespace may be moved to a
/// continuation line, so unfolding (removing the CRLF) gives back the original value.
struct HeaderWriter {
    /// RFC 5322 §2.1.1: lines SHOULD be at most 78 characters, CRLF excluded.
    static let lineLimit = 78
    /// Shortest encoded word worth starting on a partly used line.
    static let minimumWordLength = 24

    /// The message bytes written so far.
    var bytes: [UInt8]
    /// Characters on the current physical line.
    private(set) var column = 0
    /// Whether no token has been written since the field name.
    private(set) var atFieldStart = true
    /// Reused buffer for sanitized values.
    var scratch: [UInt8] = []
    /// Reused buffer for one encoded word or quoted string.
    var word: [UInt8] = []

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
        scratch.reserveCapacity(256)
        word.reserveCapacity(80)
    }

    /// Starts a field: `Name: `.
    mutating func beginField(_ name: String) {
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        column = name.utf8.count + 2
        atFieldStart = true
    }

    /// Ends the field with CRLF (dropping the space after the colon when the value is empty).
    mutating func endField() {
        if atFieldStart, bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
        bytes.append(0x0D)
        bytes.append(0x0A)
        column = 0
    }

    /// Writes a complete field whose value is already a single safe ASCII token.
    mutating func field(_ name: String, _ value: String) {
        beginField(name)
        appendToken(value.utf8, spaced: true)
        endField()
    }

    /// Appends `token`; when `spaced`, it follows a space, or a fold if the line would pass 78.
    mutating func appendToken(_ token: some Collection<UInt8>, spaced: Bool) {
        let count = token.count
        if atFieldStart {
            atFieldStart = false
            // A first token too long for the line goes on a folded line of its own.
            if column + count > Self.lineLimit, bytes.last == UInt8(ascii: " ") {
                bytes.removeLast()
                bytes.append(0x0D)
                bytes.append(0x0A)
                bytes.append(UInt8(ascii: " "))
                column = 1
            }
        } else if spaced {
            if column + 1 + count > Self.lineLimit {
                bytes.append(0x0D)
                bytes.append(0x0A)
                column = 0
            }
            bytes.append(UInt8(ascii: " "))
            column += 1
        }
        bytes.append(contentsOf: token)
        column += count
    }

    /// Appends the word buffer as one token.
    mutating func appendWord(spaced: Bool) {
        appendToken(word, spaced: spaced)
    }

    /// The longest next token (encoded word) to write, and whether to fold before it.
    func nextWordBudget() -> (length: Int, fold: Bool) {
        if atFieldStart {
            return (min(75, max(Self.lineLimit - column, Self.minimumWordLength)), false)
        }
        let room = Self.lineLimit - column - 1
        if room >= Self.minimumWordLength { return (min(75, room), false) }
        return (75, true)
    }
}

/// RFC 2047 encoded words (`=?UTF-8?Q?...?=` / `=?UTF-8?B?...?=`).
///
/// A subject is encoded whole, spaces included (inside the words), because whitespace
/// between two adjacent encoded words is dropped by decoders; a display name encodes only
/// its runs of non-atom words (see `appendPhrase`). Q is used when it is at most a third
/// longer than B (mostly-ASCII text), B otherwise. Each word is at most 75 characters,
/// holds whole UTF-8 characters only, and is separated from the next by folding whitespace.
extension HeaderWriter {
    /// Bytes written as themselves in Q encoding: the RFC 2047 §5(3) set valid in phrases too.
    static let qLiteral: [Bool] = (0..<256).map { byte in
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case 0x21, 0x2A, 0x2B, 0x2D, 0x2F: return true  // ! * + - /
        default: return false
        }
    }

    /// Upper-case hexadecimal digits.
    static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Encodes the sanitized value held in `scratch` (or the part `range` of it) as encoded words.
    mutating func appendEncodedWords(_ range: Range<Int>? = nil) {
        let range = range ?? 0..<scratch.count
        guard !range.isEmpty else { return }
        var qLength = 0
        for index in range { qLength += Self.qLength(scratch[index]) }
        let useQ = qLength * 3 <= (range.count + 2) / 3 * 4 * 4  // Q unless it is over a third longer than B
        var index = range.lowerBound
        while index < range.upperBound {
            let budget = wordBudget(remaining: index..<range.upperBound, useQ: useQ) - 12
            let end = wordEnd(from: index, to: range.upperBound, payloadBudget: budget, useQ: useQ)
            word.removeAll(keepingCapacity: true)
            if useQ {
                word.append(contentsOf: Self.qPrefix)
                for position in index..<end { appendQ(scratch[position]) }
            } else {
                word.append(contentsOf: Self.bPrefix)
                Base64.append(scratch[index..<end], to: &word)
            }
            word.append(UInt8(ascii: "?"))
            word.append(UInt8(ascii: "="))
            appendWord(spaced: true)
            index = end
        }
    }

    /// Where the encoded word starting at `start` ends: as much as fits in `payloadBudget`
    /// characters, cut after the last space if there is one, else before a character that
    /// does not extend the previous one (a combining mark, ZWJ sequence, variation selector),
    /// else between any two UTF-8 sequences. Never inside a UTF-8 sequence.
    ///
    /// Decoders join adjacent words without the whitespace between them (RFC 2047 §6.2),
    /// but some (Python's header registry in phrases) show a space there: cutting at a
    /// space or a character boundary keeps that harmless.
    func wordEnd(from start: Int, to count: Int, payloadBudget: Int, useQ: Bool) -> Int {
        let limit = useQ ? payloadBudget : payloadBudget / 4 * 3
        var index = start
        var used = 0
        var afterSpace = start
        var characterStart = start
        while index < count {
            let length = Self.scalarLength(scratch[index])
            var cost = length
            if useQ {
                cost = 0
                for offset in 0..<length { cost += Self.qLength(scratch[index + offset]) }
            }
            let extends = isExtender(at: index)
            if used > 0, used + cost > limit {
                if afterSpace > start { return afterSpace }
                if !extends { return index }
                return characterStart > start ? characterStart : index
            }
            if !extends { characterStart = index }
            used += cost
            index += length
            if scratch[index - 1] == 0x20 { afterSpace = index }
        }
        return count
    }

    /// Whether the scalar at `index` continues the previous character (combining mark,
    /// joiner, variation selector, emoji modifier or tag), or follows a zero-width joiner.
    func isExtender(at index: Int) -> Bool {
        guard index > 0, scratch[index] >= 0xC0 || index >= 3 else { return false }
        let value = scalarValue(at: index)
        switch value {
        case 0x0300...0x036F, 0x200C, 0x200D, 0x20D0...0x20FF, 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F:
            return true
        default:
            // After a ZWJ (E2 80 8D), the next character joins the sequence.
            return index >= 3 && scratch[index - 3] == 0xE2 && scratch[index - 2] == 0x80 && scratch[index - 1] == 0x8D
        }
    }

    /// The Unicode scalar value of the UTF-8 sequence at `index`.
    func scalarValue(at index: Int) -> UInt32 {
        let lead = UInt32(scratch[index])
        switch Self.scalarLength(scratch[index]) {
        case 1: return lead
        case 2: return (lead & 0x1F) << 6 | UInt32(scratch[index + 1] & 0x3F)
        case 3: return (lead & 0x0F) << 12 | UInt32(scratch[index + 1] & 0x3F) << 6 | UInt32(scratch[index + 2] & 0x3F)
        default:
            return (lead & 0x07) << 18 | UInt32(scratch[index + 1] & 0x3F) << 12 | UInt32(scratch[index + 2] & 0x3F) << 6
                | UInt32(scratch[index + 3] & 0x3F)
        }
    }

    /// Longest next encoded word: what fits on the current line, or a whole line's 75
    /// characters when the rest of the value fits in one word there (fold rather than split).
    func wordBudget(remaining rest: Range<Int>, useQ: Bool) -> Int {
        let budget = nextWordBudget().length
        guard budget < 75 else { return budget }
        var length = 12
        if useQ {
            for index in rest { length += Self.qLength(scratch[index]) }
        } else {
            length += (rest.count + 2) / 3 * 4
        }
        return length <= 75 && length > budget && !atFieldStart ? 75 : budget
    }

    static let qPrefix: [UInt8] = Array("=?UTF-8?Q?".utf8)
    static let bPrefix: [UInt8] = Array("=?UTF-8?B?".utf8)

    /// Characters `byte` takes in Q encoding.
    @inline(__always)
    static func qLength(_ byte: UInt8) -> Int {
        qLiteral[Int(byte)] || byte == 0x20 ? 1 : 3
    }

    /// Bytes in the UTF-8 sequence that starts with `lead`.
    @inline(__always)
    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// Appends one byte Q-encoded to `word`.
    @inline(__always)
    mutating func appendQ(_ byte: UInt8) {
        if byte == 0x20 {
            word.append(UInt8(ascii: "_"))
        } else if Self.qLiteral[Int(byte)] {
            word.append(byte)
        } else {
            word.append(UInt8(ascii: "="))
            word.append(Self.hexDigits[Int(byte >> 4)])
            word.append(Self.hexDigits[Int(byte & 0x0F)])
        }
    }
}

/// Quoted-printable body encoding (RFC 2045 §6.7) for UTF-8 text parts.
///
/// Line breaks in the input (CRLF, LF or a lone CR) become CRLF hard breaks. Encoded lines
/// are at most 76 characters: a soft break (`=` CRLF) is inserted before a character or
/// `=XX` escape that would pass column 75, so an escape is never split. A space or tab
/// before a line break or at the end is escaped, as are `=`, non-ASCII bytes, control
/// characters, a `.` at the start of a line and the `F` of a line starting with `From `.
public enum QuotedPrintable {
    /// Longest run of characters before a soft break's `=`.
    static let maxColumn = 75

    /// Bytes written as themselves (before the position rules above).
    static let literal: [Bool] = (0..<256).map { byte in
        (byte >= 0x21 && byte <= 0x7E && byte != 0x3D) || byte == 0x20 || byte == 0x09
    }

    /// Returns `text` quoted-printable encoded.
    public static func encode(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        append(text, to: &output)
        return output
    }

    /// Appends `text` quoted-printable encoded to `output`.
    public static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.makeContiguousUTF8()
        text.utf8.withContiguousStorageIfAvailable { append(bytes: $0, to: &output) }
    }

    /// Appends `bytes` quoted-printable encoded to `output`.
    public static func append(bytes input: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        // Worst case: every byte escaped (3) plus a 3-byte soft break per 75 characters.
        let worst = input.count * 3 + (input.count * 3 / maxColumn + 1) * 3
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: worst))
        let written = output.withUnsafeMutableBufferPointer { buffer in
            literal.withUnsafeBufferPointer { literal in
                encode(input, into: UnsafeMutableBufferPointer(rebasing: buffer[start...]), literal: literal)
            }
        }
        output.removeLast(worst - written)
    }

    /// Encodes `input` into `out` (large enough for the worst case); returns the bytes written.
    static func encode(
        _ input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, literal: UnsafeBufferPointer<Bool>
    ) -> Int {
        let count = input.count
        var column = 0
        var index = 0
        var position = 0
        @inline(__always) func put(_ byte: UInt8) {
            out[position] = byte
            position += 1
        }
        while index < count {
            let byte = input[index]
            if byte == 0x0D || byte == 0x0A {
                index += (byte == 0x0D && index + 1 < count && input[index + 1] == 0x0A) ? 2 : 1
                put(0x0D)
                put(0x0A)
                column = 0
                continue
            }
            var escape = !literal[Int(byte)]
            if !escape {
                if byte == 0x20 || byte == 0x09 {
                    let next = index + 1
                    escape = next == count || input[next] == 0x0D || input[next] == 0x0A
                } else if column == 0 {
                    escape = byte == UInt8(ascii: ".") || (byte == UInt8(ascii: "F") && startsWithFrom(input, at: index))
                }
            }
            let width = escape ? 3 : 1
            if column + width > maxColumn {
                put(UInt8(ascii: "="))
                put(0x0D)
                put(0x0A)
                column = 0
                if !escape, byte == UInt8(ascii: ".") || (byte == UInt8(ascii: "F") && startsWithFrom(input, at: index)) {
                    continue  // re-examine the byte at the start of the new line
                }
            }
            if escape {
                put(UInt8(ascii: "="))
                put(hexDigit(byte >> 4))
                put(hexDigit(byte & 0x0F))
            } else {
                put(byte)
            }
            column += width
            index += 1
        }
        return position
    }

    /// Upper-case hexadecimal digit of a nibble.
    @inline(__always)
    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x37 + nibble
    }

    /// Whether `input` holds `From ` at `index`.
    static func startsWithFrom(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 5 <= input.count else { return false }
        return input[index + 1] == UInt8(ascii: "r") && input[index + 2] == UInt8(ascii: "o")
            && input[index + 3] == UInt8(ascii: "m") && input[index + 4] == UInt8(ascii: " ")
    }
}

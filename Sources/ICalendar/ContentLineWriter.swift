/// Writes RFC 5545 content lines: `NAME;PARAM=value:value` CRLF, folded at 75 octets.
///
/// A continuation line starts with one space (counted in its 75 octets). A fold never
/// falls inside a UTF-8 sequence.
struct ContentLineWriter {
    /// RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, CRLF excluded.
    static let lineLimit = 75

    /// The calendar bytes written so far.
    var bytes: [UInt8]
    /// Octets on the current physical line.
    private var column = 0

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends one byte of a UTF-8 string, folding before a lead byte that would pass the limit.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if byte & 0xC0 != 0x80 {  // not a continuation byte: a character starts here
            let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            if column + length > Self.lineLimit {
                bytes.append(0x0D)
                bytes.append(0x0A)
                bytes.append(0x20)
                column = 1
            }
        }
        bytes.append(byte)
        column += 1
    }

    /// Appends characters as they are (names, fixed values).
    mutating func append(_ text: String) {
        for byte in text.utf8 { append(byte) }
    }

    /// Ends the content line.
    mutating func endLine() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        column = 0
    }

    /// A whole line `NAME:value` with `value` written as is.
    mutating func line(_ name: String, _ value: String) {
        append(name)
        append(UInt8(ascii: ":"))
        append(value)
        endLine()
    }

    /// A whole line `NAME:value` with `value` escaped as TEXT (RFC 5545 §3.3.11).
    mutating func textLine(_ name: String, _ value: String) {
        append(name)
        append(UInt8(ascii: ":"))
        appendText(value)
        endLine()
    }

    /// Appends TEXT: `\` `;` `,` escaped with a backslash, each line break as `\n`,
    /// other control characters (but tab) as a space.
    mutating func appendText(_ value: String) {
        var previousWasCR = false
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ","):
                append(UInt8(ascii: "\\"))
                append(byte)
            case 0x0A where previousWasCR:
                break  // second half of CRLF
            case 0x0D, 0x0A:
                append(UInt8(ascii: "\\"))
                append(UInt8(ascii: "n"))
            case 0x09:
                append(byte)
            case 0x00..<0x20, 0x7F:
                append(UInt8(ascii: " "))
            default:
                append(byte)
            }
            previousWasCR = byte == 0x0D
        }
    }

    /// Appends a URI value: control characters dropped, spaces, quotes and angle brackets percent-encoded.
    mutating func appendURI(_ value: String) {
        for byte in value.utf8 {
            switch byte {
            case 0x00..<0x20, 0x7F:
                continue
            case UInt8(ascii: " "): append("%20")
            case UInt8(ascii: "\""): append("%22")
            case UInt8(ascii: "<"): append("%3C")
            case UInt8(ascii: ">"): append("%3E")
            default: append(byte)
            }
        }
    }

    /// Appends `;NAME="value"`: a quoted parameter value; a double quote becomes `'` and
    /// control characters become spaces (both are not allowed in a quoted parameter value).
    mutating func appendQuotedParameter(_ name: String, _ value: String) {
        append(UInt8(ascii: ";"))
        append(name)
        append(UInt8(ascii: "="))
        append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append(UInt8(ascii: "'"))
            case 0x00..<0x20, 0x7F: append(UInt8(ascii: " "))
            default: append(byte)
            }
        }
        append(UInt8(ascii: "\""))
    }
}

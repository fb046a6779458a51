/// A Message-ID (`<id-left@id-right>`, RFC 5322 §3.6.4), stable per queue row so a retry resends the same bytes.
public struct MessageID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The identifier with its angle brackets, e.g. `<0f3a…@relais.example.org>`.
    public let value: String

    /// Validates `text`: `<dot-atom@dot-atom>` or `<dot-atom@[literal]>`, at most 250 characters.
    public init(_ text: String) throws(MIMEError) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 5, bytes.count <= 250, bytes.first == UInt8(ascii: "<"), bytes.last == UInt8(ascii: ">") else {
            throw MIMEError("Message-ID", text, "expected <left@right> of at most 250 characters")
        }
        let inner = bytes[1..<(bytes.count - 1)]
        guard let at = inner.firstIndex(of: UInt8(ascii: "@")) else {
            throw MIMEError("Message-ID", text, "missing \"@\"")
        }
        let left = inner[inner.startIndex..<at]
        let right = inner[(at + 1)..<inner.endIndex]
        guard Self.isDotAtom(left) else {
            throw MIMEError("Message-ID", text, "the part before \"@\" is not a dot-atom")
        }
        guard Self.isDotAtom(right) || Self.isLiteral(right) else {
            throw MIMEError("Message-ID", text, "the part after \"@\" is not a domain")
        }
        self.value = text
    }

    /// A Message-ID `<hash@domain>` derived from `seed` (e.g. the queue row's idempotency key):
    /// the same seed always gives the same ID, and the seed does not appear in it (not a cryptographic hash).
    public init(seed: String, domain: String) throws(MIMEError) {
        let hash = StableHash.hash128(Array(seed.utf8))
        var text = "<"
        text += StableHash.hex(hash.high) + StableHash.hex(hash.low)
        text += "@" + domain + ">"
        try self.init(text)
    }

    /// The identifier with its angle brackets.
    public var description: String { value }

    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
        }
    }

    static func isDotAtom(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: "."), last != UInt8(ascii: ".") else {
            return false
        }
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if previous == UInt8(ascii: ".") { return false }
            } else if !isAtext(byte) {
                return false
            }
            previous = byte
        }
        return true
    }

    static func isLiteral(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count > 2, bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") else { return false }
        return bytes.dropFirst().dropLast().allSatisfy {
            (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "[") && $0 != UInt8(ascii: "]") && $0 != UInt8(ascii: "\\")
        }
    }
}

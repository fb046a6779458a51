/// An RFC 5321 mailbox (`local-part@domain`) that is safe to put in an envelope and a header.
///
/// The local part is a dot-string or a quoted string; the domain is a host name of
/// letter-digit-hyphen labels or an address literal (`[192.0.2.1]`). Non-ASCII addresses
/// (SMTPUTF8) are rejected, as are CR, LF, spaces outside quotes and a missing domain.
/// The domain is lower-cased; the local part is kept as written.
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The part before the `@`, as written.
    public let localPart: String
    /// The domain, lower-cased.
    public let domain: String

    /// Validates `text` as a mailbox; surrounding whitespace is not accepted.
    public init(_ text: String) throws(AddressError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw AddressError(text, "it is empty") }
        if let bad = bytes.first(where: { $0 == 0x0D || $0 == 0x0A }) {
            throw AddressError(text, bad == 0x0D ? "it contains a carriage return" : "it contains a line feed")
        }
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            throw AddressError(text, "non-ASCII addresses are not supported")
        }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else {
            throw AddressError(text, "missing \"@domain\"")
        }
        let local = Array(bytes[..<at])
        let domain = Array(bytes[(at + 1)...])
        guard !local.isEmpty else { throw AddressError(text, "missing local part before \"@\"") }
        guard !domain.isEmpty else { throw AddressError(text, "missing domain after \"@\"") }
        guard local.count <= 64 else { throw AddressError(text, "local part longer than 64 characters") }
        guard domain.count <= 255 else { throw AddressError(text, "domain longer than 255 characters") }
        if let problem = Self.localPartProblem(local) { throw AddressError(text, problem) }
        if let problem = Self.domainProblem(domain) { throw AddressError(text, problem) }
        self.localPart = String(decoding: local, as: UTF8.self)
        self.domain = String(decoding: domain, as: UTF8.self).lowercased()
    }

    /// `local-part@domain`.
    public var description: String { "\(localPart)@\(domain)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try EmailAddress(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension EmailAddress {
    /// RFC 5321 `atext`: the characters allowed in an unquoted local part besides dots.
    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
        }
    }

    static func localPartProblem(_ local: [UInt8]) -> String? {
        if local.first == UInt8(ascii: "\"") {
            guard local.count >= 2, local.last == UInt8(ascii: "\"") else { return "unterminated quoted local part" }
            var index = 1
            while index < local.count - 1 {
                let byte = local[index]
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < local.count - 1, (0x20...0x7E).contains(local[index]) else {
                        return "invalid escape in quoted local part"
                    }
                } else if byte == UInt8(ascii: "\"") || !(0x20...0x7E).contains(byte) {
                    return "invalid character in quoted local part"
                }
                index += 1
            }
            return nil
        }
        if local.contains(UInt8(ascii: " ")) { return "it contains a space" }
        if local.first == UInt8(ascii: ".") || local.last == UInt8(ascii: ".") {
            return "local part starts or ends with a dot"
        }
        var previous: UInt8 = 0
        for byte in local {
            if byte == UInt8(ascii: "."), previous == UInt8(ascii: ".") { return "local part has two dots in a row" }
            if byte != UInt8(ascii: "."), !isAtext(byte) {
                return "character \"\(Character(Unicode.Scalar(byte)))\" is not allowed in a local part"
            }
            previous = byte
        }
        return nil
    }

    static func domainProblem(_ domain: [UInt8]) -> String? {
        if domain.first == UInt8(ascii: "[") {
            guard domain.last == UInt8(ascii: "]"), domain.count > 2 else { return "unterminated address literal" }
            let inner = domain[1..<(domain.count - 1)]
            let ok = inner.allSatisfy { (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "[") && $0 != UInt8(ascii: "]") && $0 != UInt8(ascii: "\\") }
            return ok ? nil : "invalid address literal"
        }
        if domain.contains(UInt8(ascii: " ")) { return "it contains a space" }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty else { return "domain has an empty label" }
            guard label.count <= 63 else { return "domain label longer than 63 characters" }
            let letterDigit: (UInt8) -> Bool = {
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            }
            guard label.allSatisfy({ letterDigit($0) || $0 == UInt8(ascii: "-") }) else {
                return "domain contains a character other than letters, digits, hyphens and dots"
            }
            guard letterDigit(label.first!), letterDigit(label.last!) else {
                return "domain label starts or ends with a hyphen"
            }
        }
        return nil
    }
}

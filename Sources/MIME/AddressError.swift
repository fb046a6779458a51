/// Why a string is not a usable RFC 5321 mailbox.
public struct AddressError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rejected text, with control characters made visible.
    public let value: String
    /// What is wrong with it, in a few words.
    public let reason: String

    init(_ value: String, _ reason: String) {
        self.value = value
        self.reason = reason
    }

    public var description: String {
        "invalid email address \"\(value.visibleControlCharacters)\": \(reason)"
    }
}

extension String {
    /// The string with CR, LF, TAB and other control characters shown as escapes, for error messages.
    public var visibleControlCharacters: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

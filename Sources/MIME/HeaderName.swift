/// A validated header field name (RFC 5322 `field-name`: printable ASCII except `:`).
public struct HeaderName: Sendable, Hashable, CustomStringConvertible {
    /// The name as written, e.g. `X-Relais-Kind`.
    public let rawValue: String

    /// Names the message builder writes itself (lower-cased); extra headers may not use them.
    static let reserved: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "sender", "subject", "date", "message-id",
        "mime-version", "content-type", "content-transfer-encoding", "content-disposition",
        "content-language", "content-id", "content-description", "list-id", "list-unsubscribe",
        "list-unsubscribe-post", "return-path",
    ]

    /// Validates `name`: 1–76 characters in `!`…`~` other than `:`.
    public init(_ name: String) throws(MIMEError) {
        let bytes = name.utf8
        guard !bytes.isEmpty else { throw MIMEError("header name", name, "it is empty") }
        guard bytes.count <= 76 else { throw MIMEError("header name", name, "longer than 76 characters") }
        for byte in bytes where byte < 0x21 || byte > 0x7E || byte == UInt8(ascii: ":") {
            throw MIMEError("header name", name, "only printable ASCII other than \":\" is allowed")
        }
        self.rawValue = name
    }

    /// Whether the message builder writes this header itself.
    public var isReserved: Bool { Self.reserved.contains(rawValue.lowercased()) }

    /// The name as written.
    public var description: String { rawValue }
}

/// An extra header field added by the caller: a validated name and an unstructured value.
public struct MailHeader: Sendable, Hashable {
    /// The field name; never one the builder writes itself.
    public let name: HeaderName
    /// The value; non-ASCII text is written as RFC 2047 encoded words.
    public let value: String

    /// Validates the pair; a CR or LF in `value`, or a reserved name such as `Bcc`, is rejected.
    public init(_ name: String, _ value: String) throws(MIMEError) {
        let header = try HeaderName(name)
        guard !header.isReserved else {
            throw MIMEError("header name", name, "this header is written by the message builder and cannot be added")
        }
        guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) else {
            throw MIMEError("\(name) header value", value, "it contains a line break")
        }
        self.name = header
        self.value = value
    }
}

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

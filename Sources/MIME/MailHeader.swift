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

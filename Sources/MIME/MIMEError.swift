/// Why a message could not be built: which field, which value, which rule.
public struct MIMEError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The header or part that was being built, e.g. `Message-ID` or `header name`.
    public let field: String
    /// The rejected value, with control characters made visible.
    public let value: String
    /// The rule the value breaks, in a few words.
    public let reason: String

    init(_ field: String, _ value: String, _ reason: String) {
        self.field = field
        self.value = value.visibleControlCharacters
        self.reason = reason
    }

    /// One line: the field, the value and the rule it breaks.
    public var description: String {
        "invalid \(field) \"\(value)\": \(reason)"
    }
}

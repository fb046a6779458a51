import RelaisSupport
import MIME

/// One thing wrong with the configuration: the key, the value found, and what is expected.
public struct ConfigurationProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The dotted key (`delivery.smtp.url`), or the file for a syntax error.
    public let key: String
    /// The offending value as written, or nil when the key is missing or secret.
    public let value: String?
    /// What is expected instead, phrased to follow the word "expected".
    public let expected: String
    /// Where the value came from: `relais.yaml:12` or `RELAIS_DELIVERY_SMTP_URL`.
    public let source: String?

    /// A problem with `key`: `value` was found where `expected` was wanted, read from `source`.
    public init(key: String, value: String?, expected: String, source: String? = nil) {
        self.key = key
        self.value = value
        self.expected = expected
        self.source = source
    }

    /// `relais.yaml:12: delivery.smtp.tls: "maybe": expected one of required, opportunistic, none`
    public var description: String {
        var line = ""
        if let source { line += "\(source): " }
        line += key
        if let value { line += ": \"\(value.visibleControlCharacters)\"" }
        line += ": expected \(expected)"
        return line
    }
}

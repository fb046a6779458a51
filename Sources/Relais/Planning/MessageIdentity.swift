/// Makes Message-IDs: `<16 random bytes in hex>.relais@<sender domain>`, fixed when a row is queued.
public struct MessageIdentity: Sendable {
    /// The right-hand side: the sender's domain.
    public let domain: String

    /// Message-IDs in `domain`.
    public init(domain: String) {
        self.domain = domain
    }

    /// A new, globally unique Message-ID in angle brackets.
    public func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = UInt64.random(in: .min ... .max, using: &generator)
        let low = UInt64.random(in: .min ... .max, using: &generator)
        return "<" + Self.hex(high) + Self.hex(low) + ".relais@" + domain + ">"
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

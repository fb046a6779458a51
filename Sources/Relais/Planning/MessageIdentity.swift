import Foundation

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
        // arc4random_buf: the kernel's randomness through a user-space generator, one call, no syscall each time.
        var bits: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &bits) { buffer in
            if let base = buffer.baseAddress { arc4random_buf(base, buffer.count) }
        }
        return "<" + Self.hex(bits.0) + Self.hex(bits.1) + ".relais@" + domain + ">"
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

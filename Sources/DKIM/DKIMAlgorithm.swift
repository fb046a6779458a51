/// The two signing algorithms: `rsa-sha256` (RFC 6376) and `ed25519-sha256` (RFC 8463).
public enum DKIMAlgorithm: String, Sendable, CaseIterable {
    /// RSASSA-PKCS1-v1_5 over SHA-256.
    case rsa
    /// Ed25519 over the SHA-256 of the signed data.
    case ed25519

    /// The `a=` tag value.
    public var tag: String { self == .rsa ? "rsa-sha256" : "ed25519-sha256" }
    /// The `k=` value of the DNS record.
    public var keyType: String { rawValue }
}

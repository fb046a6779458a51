/// Deterministic, platform-independent hashes for Message-IDs and MIME boundaries
/// (Swift's `Hasher` is seeded per process, so it cannot be used for stable output).
enum StableHash {
    /// FNV-1a 64-bit.
    static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A 128-bit digest: two FNV-1a passes with different bases, each finished with a
    /// SplitMix64 avalanche so similar seeds give unrelated outputs.
    static func hash128(_ bytes: [UInt8]) -> (high: UInt64, low: UInt64) {
        var high: UInt64 = 0x6C62_272E_07BB_0142
        var low: UInt64 = 0x62B8_2175_6295_C58D
        for byte in bytes {
            high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            low = (low ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
        }
        return (mix(high ^ UInt64(bytes.count)), mix(low ^ mix(high)))
    }

    /// SplitMix64 finalizer.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Sixteen lower-case hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

import Crypto
import Foundation
import Store

/// The addresses of forgotten members, kept only as keyed hashes (HMAC-SHA-256 of the
/// lower-cased address, keyed with the database's own salt), so `member add` and
/// `member import` can refuse them without the database holding the address.
public struct MemberSuppression: Sendable {
    let store: any SuppressionStore
    let salt: [UInt8]

    /// Reads (or makes) the database's salt.
    public init(store: any SuppressionStore) throws(StoreError) {
        self.store = store
        salt = try store.suppressionSalt()
    }

    /// The hash stored for `email`.
    public func hash(_ email: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(email.lowercased().utf8), using: SymmetricKey(data: salt))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// Why `email` may not be added, in one line; nil when it may.
    public func refusal(_ email: String) throws(StoreError) -> String? {
        try store.suppressedSince(addressHash: hash(email)).map { Self.refusal(email, since: $0) }
    }

    /// `inputs` without the suppressed addresses, and the refusal line of each one left out;
    /// one read of the store for them all.
    public func filter(_ inputs: [MemberInput]) throws(StoreError) -> (kept: [MemberInput], refused: [String]) {
        let hashes = inputs.map { hash($0.email) }
        let suppressed = try store.suppressions(addressHashes: hashes)
        var kept: [MemberInput] = []
        var refused: [String] = []
        for (input, hash) in zip(inputs, hashes) {
            if let since = suppressed[hash] { refused.append(Self.refusal(input.email, since: since)) } else { kept.append(input) }
        }
        return (kept, refused)
    }

    private static func refusal(_ email: String, since: Date) -> String {
        "not added: \(email) asked to be forgotten on \(Timestamps.utc(since).prefix(10)) (relaisctl member forget); her address stays suppressed"
    }

    /// Forgets the member with `email`; returns the number of queued messages cancelled.
    public func forget(email: String) throws(StoreError) -> Int {
        try store.forgetMember(email: email, addressHash: hash(email), now: Date())
    }
}

import Crypto
import Foundation
import Store

/// The addresses of forgotten members, kept only as keyed hashes (HMAC-SHA-256 of the
/// lower-cased address, keyed with the database's own salt), so `member add` and
/// `member import` can refuse them without the database holding the address.
public struct MemberSuppression: Sendable {
    let store: RelaisStore
    let salt: [UInt8]

    /// Reads (or makes) the database's salt.
    public init(store: RelaisStore) throws(StoreError) {
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
        guard let since = try store.suppressedSince(addressHash: hash(email)) else { return nil }
        return "not added: \(email) asked to be forgotten on \(Timestamps.utc(since).prefix(10)) (relaisctl member forget); her address stays suppressed"
    }

    /// `inputs` without the suppressed addresses, and the refusal line of each one left out.
    public func filter(_ inputs: [MemberInput]) throws(StoreError) -> (kept: [MemberInput], refused: [String]) {
        var kept: [MemberInput] = []
        var refused: [String] = []
        for input in inputs {
            if let line = try refusal(input.email) { refused.append(line) } else { kept.append(input) }
        }
        return (kept, refused)
    }

    /// Forgets the member with `email`; returns the number of queued messages cancelled.
    public func forget(email: String) throws(StoreError) -> Int {
        try store.forgetMember(email: email, addressHash: hash(email))
    }
}

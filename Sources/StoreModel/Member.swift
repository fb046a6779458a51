import Foundation

/// A member of the association: one row of `member`.
public struct Member: Codable, Sendable, Hashable {
    /// Whether Relais may write to a member at all.
    public enum Status: String, Codable, Sendable {
        /// Receives what her lists receive.
        case active
        /// Asked to receive nothing.
        case unsubscribed
        /// Her address was refused permanently ("no such user"); she is not mailed again.
        case bounced
    }

    /// Her normalized address; unique.
    public var email: String
    /// Her name as she writes it.
    public var name: String
    /// Her language: `fr-BE`.
    public var locale: String
    /// Whether Relais may write to her.
    public var status: Status
    /// An unguessable token for her unsubscribe link.
    public var unsubscribeToken: String
    /// The reply that made the address bounce, when it did.
    public var bounceReply: String?
    /// When she was added.
    public var createdAt: Date
    /// When her row last changed.
    public var updatedAt: Date

    /// An active member with a fresh unsubscribe token.
    public init(email: String, name: String, locale: String, now: Date = Date()) {
        self.email = email
        self.name = name
        self.locale = locale
        self.status = .active
        self.unsubscribeToken = Self.makeToken()
        self.createdAt = now
        self.updatedAt = now
    }


    /// A member as stored, every field given.
    public init(
        email: String, name: String, locale: String, status: Status, unsubscribeToken: String, bounceReply: String?,
        createdAt: Date, updatedAt: Date
    ) {
        self.email = email
        self.name = name
        self.locale = locale
        self.status = status
        self.unsubscribeToken = unsubscribeToken
        self.bounceReply = bounceReply
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// 128 random bits, hex.
    public static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator)) }.joined()
    }
}

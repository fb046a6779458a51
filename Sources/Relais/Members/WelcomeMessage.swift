import Foundation
import Store

/// The `welcome` message a new member gets when she is added with `--welcome`.
public struct WelcomeMessage: Sendable {
    /// The template kind sent.
    public static let template = "welcome"

    /// Makes each row's Message-ID.
    public let identity: MessageIdentity

    /// Welcome rows with Message-IDs from `identity`.
    public init(identity: MessageIdentity) {
        self.identity = identity
    }

    /// The queue row of `member`'s welcome, due now. Its idempotency key is her address, so an
    /// address is welcomed once, whatever is imported again later.
    public func row(for member: Stored<Member>, now: Date) -> QueueMessage {
        QueueMessage(
            idempotencyKey: "welcome:\(member.email.lowercased())", kind: "welcome", source: "welcome",
            memberId: member.id, recipient: member.email, recipientName: member.name, locale: member.locale,
            template: Self.template, payload: nil, dueAt: now, notAfter: nil, messageId: identity.make(), now: now)
    }
}

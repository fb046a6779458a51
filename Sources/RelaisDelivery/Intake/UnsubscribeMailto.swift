import Foundation
import RelaisSettings

/// The `mailto:` unsubscribe address (`sender.unsubscribe_mailto`,
/// `unsubscribe+{token}@example.org`): `{token}` is `<message token>-<list id>`, the message
/// token being the random part of the Message-ID (as for the VERP return path), so a mail to
/// it names the member's message and the list she leaves.
public struct UnsubscribeMailto: Sendable, Equatable {
    /// The address with `{token}`.
    public let pattern: String

    /// The address for `pattern`.
    public init(pattern: String) {
        self.pattern = pattern
    }

    /// The address for the message `messageId` sent to list `listId`; nil when the Message-ID has no token.
    public func address(messageId: String, listId: Int64) -> String? {
        ReturnPath.token(messageId: messageId).map { pattern.replacingOccurrences(of: "{token}", with: "\($0)-\(listId)") }
    }

    /// The message token and list id a token found in a recipient address names; nil when malformed.
    public static func parse(token: String) -> (messageToken: String, listId: Int64)? {
        guard let dash = token.lastIndex(of: "-"), let listId = Int64(token[token.index(after: dash)...]), listId > 0 else { return nil }
        let message = String(token[..<dash])
        guard !message.isEmpty, message.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        return (message, listId)
    }
}

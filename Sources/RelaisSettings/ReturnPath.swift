import RelaisSupport
import Foundation
import MIME

/// The VERP envelope sender (`delivery.return_path`): `bounces+{token}@example.org`, where the
/// token names the queue row, so a bounce that comes back later says whose message it was.
///
/// The token is the random part of the row's Message-ID (128 bits, fixed when the row is
/// queued, stored with it): unguessable, the same on every retry, and it tells a relay or
/// a receiver nothing the message's own Message-ID header does not already say.
public struct ReturnPath: Sendable, Equatable {
    /// The address with `{token}` in its local part.
    public let pattern: String

    /// Reads `pattern`; nil unless it is an address whose local part holds `{token}` once.
    public init?(_ pattern: String) {
        let trimmed = pattern.trimmingCharacters(in: .whitespaces)
        guard let at = trimmed.lastIndex(of: "@"), trimmed[..<at].components(separatedBy: "{token}").count == 2,
              !trimmed[at...].contains("{token}"),
              (try? EmailAddress(trimmed.replacingOccurrences(of: "{token}", with: "0123456789abcdef"))) != nil
        else { return nil }
        self.pattern = trimmed
    }

    /// The token of a row with `messageId` (`<3f2a….relais@example.org>` → `3f2a…`): letters and
    /// digits before the first dot of the local part; nil when nothing is left.
    public static func token(messageId: String) -> String? {
        let inner = messageId.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
        let local = inner.split(separator: "@", maxSplits: 1).first.map(String.init) ?? inner
        let token = (local.split(separator: ".", maxSplits: 1).first.map(String.init) ?? local)
            .filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return token.isEmpty ? nil : token.lowercased()
    }

    /// The envelope sender of the row with `messageId`; nil when it has no usable token.
    public func address(messageId: String) -> String? {
        Self.token(messageId: messageId).map { pattern.replacingOccurrences(of: "{token}", with: $0) }
    }
}

extension RelaisConfiguration {
    /// MAIL FROM for the row with `messageId`: the VERP address when `delivery.return_path` is
    /// set, else the From address (as before VERP).
    public func envelopeSender(messageId: String) -> String {
        delivery.returnPath?.address(messageId: messageId) ?? sender.fromAddress.description
    }
}

import Foundation

/// Reads a message from the bounce mailbox and says what it is: a hard or soft bounce (DSN,
/// RFC 3464), a complaint (ARF, RFC 5965), a `mailto:` unsubscribe, or mail for people.
///
/// Pure: no I/O. Whose message it was is found by the tokens of the VERP return path and of
/// the unsubscribe address in its recipients, and by the enclosed original's Message-ID.
public struct BounceClassifier: Sendable {
    /// `delivery.return_path` (`bounces+{token}@example.org`), when set.
    public let returnPath: AddressPattern?
    /// The `mailto:` unsubscribe address (`unsubscribe+{token}@example.org`), when set.
    public let unsubscribe: AddressPattern?

    /// The header fields that name where a message was delivered.
    static let recipientFields = ["Delivered-To", "X-Original-To", "Envelope-To", "To", "Cc"]

    /// A classifier for these addresses.
    public init(returnPath: AddressPattern?, unsubscribe: AddressPattern?) {
        self.returnPath = returnPath
        self.unsubscribe = unsubscribe
    }

    /// What `bytes` is.
    public func classify(_ bytes: [UInt8]) -> InboundMail {
        let message = MailEntity(bytes: bytes)
        let messageId = message.header("Message-ID")
        let recipients = Self.recipientFields.flatMap { message.headers($0) }
        if message.mediaType == "multipart/report" {
            let reportType = message.contentTypeParameter("report-type")?.lowercased()
            if reportType == "delivery-status", var result = deliveryStatus(message) {
                result.messageId = messageId
                result.tokens = returnPath?.tokens(in: recipients) ?? []
                return result
            }
            if reportType == "feedback-report", var result = feedbackReport(message) {
                result.messageId = messageId
                result.tokens = returnPath?.tokens(in: recipients) ?? []
                return result
            }
        }
        if let unsubscribe, Self.isOriginal(message) {
            let tokens = unsubscribe.tokens(in: recipients)
            if !tokens.isEmpty {
                var result = InboundMail(kind: .unsubscribe, messageId: messageId)
                result.tokens = tokens
                result.recipient = message.header("From")
                return result
            }
        }
        return InboundMail(kind: .human, messageId: messageId)
    }

    /// A mail a person sent (not an automatic reply to the unsubscribe address, RFC 3834).
    static func isOriginal(_ message: MailEntity) -> Bool {
        let auto = message.header("Auto-Submitted")?.lowercased() ?? "no"
        return auto.hasPrefix("no")
    }

    /// A DSN's verdict: the worst recipient block decides (failed 5.x.x → hard; 4.x.x or delayed → soft).
    func deliveryStatus(_ message: MailEntity) -> InboundMail? {
        let parts = message.parts
        guard let status = parts.first(where: { $0.mediaType == "message/delivery-status" || $0.mediaType == "message/global-delivery-status" })
        else { return nil }
        var verdict: InboundMail?
        for block in status.fieldGroups.dropFirst() {
            let action = block.header("Action")?.lowercased() ?? ""
            let code = block.header("Status")?.split(separator: " ").first.map(String.init) ?? ""
            let kind: InboundMail.Kind
            if action == "failed" && code.hasPrefix("5") {
                kind = .hard
            } else if (action == "failed" && code.hasPrefix("4")) || action == "delayed" {
                kind = .soft
            } else {
                continue
            }
            if verdict?.kind == .hard { continue }
            var result = InboundMail(kind: kind)
            result.status = code.isEmpty ? nil : code
            result.recipient = (block.header("Final-Recipient") ?? block.header("Original-Recipient")).map(Self.address)
            result.diagnostic = block.header("Diagnostic-Code").map(Self.oneLine)
            verdict = result
        }
        verdict?.originalMessageId = Self.originalMessageId(parts)
        return verdict
    }

    /// An ARF report: any feedback type is a complaint about the original.
    func feedbackReport(_ message: MailEntity) -> InboundMail? {
        let parts = message.parts
        guard let report = parts.first(where: { $0.mediaType == "message/feedback-report" }) else { return nil }
        let fields = MailEntity(bytes: report.body)
        var result = InboundMail(kind: .complaint)
        result.status = fields.header("Feedback-Type")?.lowercased()
        result.recipient = fields.header("Original-Rcpt-To").map(Self.address)
        result.originalMessageId = Self.originalMessageId(parts)
        return result
    }

    /// The Message-ID of the enclosed original (`message/rfc822` or `text/rfc822-headers`).
    static func originalMessageId(_ parts: [MailEntity]) -> String? {
        for part in parts where ["message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"].contains(part.mediaType) {
            if let id = part.enclosedMessage.header("Message-ID") { return id }
        }
        return nil
    }

    /// `rfc822; ana@example.org` → `ana@example.org`.
    static func address(_ field: String) -> String {
        let value = field.split(separator: ";", maxSplits: 1).last.map(String.init) ?? field
        return value.trimmingCharacters(in: CharacterSet(charactersIn: " <>"))
    }

    /// At most 300 characters, no line breaks.
    static func oneLine(_ text: String) -> String {
        String(text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ").prefix(300))
    }
}

/// The one-line form of a stored SMTP reply, as the server wrote it: `550 5.1.1 No such user`.
public enum ReplyLine {
    /// Code, enhanced code and text joined by spaces; nil when the reply has none of them.
    public static func join(code: Int?, enhanced: String?, text: String?) -> String? {
        let parts = [code.map(String.init), enhanced, text?.isEmpty == true ? nil : text].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

extension QueueMessage {
    /// The last SMTP reply on one line (`250 2.0.0 Ok: queued`), if the row has one.
    public var lastReplyLine: String? {
        ReplyLine.join(code: lastReplyCode, enhanced: lastReplyEnhanced, text: lastReplyText)
    }
}

extension Attempt {
    /// The attempt's SMTP reply on one line (`451 4.3.0 Try later`), if it got one.
    public var replyLine: String? {
        ReplyLine.join(code: replyCode, enhanced: replyEnhanced, text: replyText)
    }
}

extension DeliveryResult {
    /// The reply on one line, as stored with a bounced member.
    public var replyLine: String? {
        ReplyLine.join(code: replyCode, enhanced: replyEnhanced, text: replyText)
    }
}

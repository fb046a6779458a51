/// Why a message was not sent: the stage, the server's reply if there was one, and the libcurl error.
public struct SMTPFailure: Sendable, Hashable, CustomStringConvertible {
    /// Stage at which the transaction stopped.
    public var stage: SMTPStage
    /// The server's last reply in this transaction, when it gave one.
    public var reply: SMTPReply?
    /// The libcurl result code, when libcurl reported an error.
    public var curlCode: Int?
    /// libcurl's error text or our own explanation (never a password).
    public var message: String

    /// Creates a failure.
    public init(stage: SMTPStage, reply: SMTPReply? = nil, curlCode: Int? = nil, message: String) {
        self.stage = stage
        self.reply = reply
        self.curlCode = curlCode
        self.message = message
    }

    /// One line: stage, reply (code, enhanced code, text) and/or the curl error.
    public var description: String {
        var parts = ["at \(stage.rawValue)"]
        if let reply {
            let enhanced = reply.enhancedCode.map { " \($0)" } ?? ""
            parts.append("server replied \(reply.code)\(enhanced) \(reply.text)")
        }
        if !message.isEmpty { parts.append(message) }
        return parts.joined(separator: ": ") + (curlCode.map { " (curl error \($0))" } ?? "")
    }
}

/// One message for one recipient, as the delivery queue hands it to the pool.
public struct Envelope: Sendable, Hashable {
    /// Queue row id, for logs.
    public var id: String
    /// Envelope sender (MAIL FROM); empty for the null sender.
    public var from: String
    /// Envelope recipient (RCPT TO).
    public var to: String
    /// The exact CRLF message bytes.
    public var bytes: [UInt8]

    /// Creates an envelope.
    public init(id: String, from: String, to: String, bytes: [UInt8]) {
        self.id = id
        self.from = from
        self.to = to
        self.bytes = bytes
    }
}

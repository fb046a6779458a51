/// How messages leave: files or an SMTP relay, and the retry policy.
public struct DeliverySettings: Sendable {
    /// The two transports.
    public enum Transport: String, Sendable, CaseIterable {
        /// Writes each message as an `.eml` file.
        case file
        /// Sends through the SMTP relay.
        case smtp
    }

    /// Which transport sends messages (`delivery.transport`).
    public var transport: Transport
    /// Where the file transport writes `.eml` files (`delivery.file.directory`).
    public var fileDirectory: String
    /// The SMTP relay and its limits (`delivery.smtp`).
    public var smtp: SMTPSettings
    /// Delay before the first retry of a deferred message; it doubles on each retry.
    public var retryFirst: ConfigDuration
    /// The longest delay between two retries.
    public var retryMaxDelay: ConfigDuration
    /// How long a message is retried before it is failed.
    public var retryMaxAge: ConfigDuration
    /// What happens to a message whose connection was lost before the final reply (`delivery.retry.unknown`).
    public var unknownPolicy: UnknownPolicy
    /// How long such a message waits before it is sent again (`delivery.retry.unknown_delay`).
    public var unknownDelay: ConfigDuration
    /// The VERP envelope sender (`delivery.return_path`); nil: the From address.
    public var returnPath: ReturnPath? = nil

    /// What to do with a message that may or may not have arrived.
    public enum UnknownPolicy: String, Sendable, CaseIterable {
        /// Send it again after ``DeliverySettings/unknownDelay``, with the same Message-ID (Postfix's choice).
        case retry
        /// Keep it in state `unknown` until an operator retries or cancels it.
        case hold
    }
}

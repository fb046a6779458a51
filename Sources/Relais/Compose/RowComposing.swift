import Store

/// Turns a queue row into the exact bytes to send.
public protocol RowComposing: Sendable {
    /// The message for `row`; throws ``CompositionError`` when it cannot be composed.
    func compose(_ row: QueueMessage) throws(CompositionError) -> [UInt8]

    /// Forgets what was looked up for earlier rows, so a pass sees the events and
    /// announcements as they are now.
    func startPass()

    /// Reads ahead what composing `rows` will need (called off the cooperative pool).
    func prepare(_ rows: [QueueMessage])
}

extension RowComposing {
    /// Nothing to read ahead.
    public func prepare(_ rows: [QueueMessage]) {}
}

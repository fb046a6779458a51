import Store

/// Turns a queue row into the exact bytes to send.
public protocol RowComposing: Sendable {
    /// The message for `row`; throws ``CompositionError`` when it cannot be composed.
    func compose(_ row: QueueRecord) throws(CompositionError) -> [UInt8]

    /// Forgets what was looked up for earlier rows, so a pass sees the events and
    /// announcements as they are now.
    func startPass()
}

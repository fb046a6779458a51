import Store

/// Turns a queue row into the exact bytes to send.
protocol RowComposing: Sendable {
    /// The message for `row`; throws ``CompositionFailure`` when it cannot be composed.
    func compose(_ row: QueueRecord) throws(CompositionFailure) -> [UInt8]
}

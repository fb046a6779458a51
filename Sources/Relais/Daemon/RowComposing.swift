import Store

/// Turns a queue row into the exact bytes to send.
protocol RowComposing: Sendable {
    /// The message for `row`; throws ``CompositionFailure`` when it cannot be composed.
    func compose(_ row: QueueRecord) throws(CompositionFailure) -> [UInt8]
}

/// Why a row could not be composed, and whether it can ever be.
struct CompositionFailure: Error, CustomStringConvertible {
    /// The row can never be composed (its event or announcement was removed): cancel it.
    var isPermanent: Bool
    var description: String
}

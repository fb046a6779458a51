/// An event with its exceptions (cancelled or moved occurrences), as the store hands it out.
public struct StoredEvent: Sendable, Hashable {
    /// The event row.
    public var event: EventRecord
    /// Its exceptions, ordered by original occurrence.
    public var exceptions: [EventExceptionRecord]

    /// An event and its exceptions.
    public init(event: EventRecord, exceptions: [EventExceptionRecord]) {
        self.event = event
        self.exceptions = exceptions
    }
}

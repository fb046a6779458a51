/// An event with its exceptions (cancelled or moved occurrences), as the store hands it out.
public struct StoredEvent: Sendable, Hashable {
    /// The event row.
    public var event: Stored<Event>
    /// Its exceptions, ordered by original occurrence.
    public var exceptions: [EventException]

    /// An event and its exceptions.
    public init(event: Stored<Event>, exceptions: [EventException]) {
        self.event = event
        self.exceptions = exceptions
    }
}

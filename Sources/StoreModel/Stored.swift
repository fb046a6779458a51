/// A value as the store holds it: with the id the store gave it, which is never optional.
///
/// What is about to be stored is the bare value (a ``QueueMessage`` to enqueue, an ``Event``
/// to insert); what the store hands back is `Stored<QueueMessage>`, `Stored<Event>`… The value's
/// properties read and write through (`message.recipient`), so only the id is new.
@dynamicMemberLookup
public struct Stored<Value: Sendable>: Sendable {
    /// The id the store gave the value.
    public let id: Int64
    /// What is stored.
    public var value: Value

    /// `value` as stored under `id`.
    public init(id: Int64, _ value: Value) {
        self.id = id
        self.value = value
    }

    /// A property of the value, read-only.
    public subscript<Property>(dynamicMember keyPath: KeyPath<Value, Property>) -> Property {
        value[keyPath: keyPath]
    }

    /// A property of the value.
    public subscript<Property>(dynamicMember keyPath: WritableKeyPath<Value, Property>) -> Property {
        get { value[keyPath: keyPath] }
        set { value[keyPath: keyPath] = newValue }
    }
}

extension Stored: Equatable where Value: Equatable {}

extension Stored: Hashable where Value: Hashable {}

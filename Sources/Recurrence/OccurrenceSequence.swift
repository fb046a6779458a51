import Foundation

/// The lazy, ascending sequence of a `RecurrenceSet`'s occurrences.
public struct OccurrenceSequence: Sequence, Sendable {
    let set: RecurrenceSet
    let from: Date?

    /// A fresh iterator from the beginning (or from `from`).
    public func makeIterator() -> OccurrenceIterator {
        OccurrenceIterator(set: set, from: from)
    }
}

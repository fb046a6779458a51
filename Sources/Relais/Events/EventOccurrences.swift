import Foundation
import Recurrence

/// An event's occurrences after its exceptions, lazily and ascending by start: the series'
/// own occurrences (minus cancelled and moved ones) merged with the moved ones at their new time.
public struct EventOccurrences: Sequence, Sendable {
    let schedule: EventSchedule
    let from: Date?

    /// Iterates the occurrences.
    public func makeIterator() -> Iterator {
        Iterator(schedule: schedule, from: from)
    }

    /// Merges the series' iterator with the moved occurrences.
    public struct Iterator: IteratorProtocol {
        private var series: OccurrenceIterator?
        private var peeked: Occurrence?
        private let moves: ArraySlice<(original: LocalDateTime, local: LocalDateTime, start: Date)>
        private var moveIndex: Int
        private let duration: TimeInterval

        init(schedule: EventSchedule, from: Date?) {
            duration = TimeInterval(schedule.duration)
            if schedule.isCancelled {
                series = nil
                moves = []
            } else {
                let sequence = from.map { schedule.recurrence.occurrences(from: $0) } ?? schedule.recurrence.occurrences()
                series = sequence.makeIterator()
                moves = schedule.moves.drop { from != nil && $0.start < from! }
            }
            moveIndex = moves.startIndex
        }

        /// The next occurrence, or nil when the series has ended.
        public mutating func next() -> EventOccurrence? {
            if peeked == nil, series != nil {
                peeked = series!.next()
                if peeked == nil { series = nil }
            }
            let move = moveIndex < moves.endIndex ? moves[moveIndex] : nil
            if let occurrence = peeked, move.map({ occurrence.start <= $0.start }) ?? true {
                peeked = nil
                return EventOccurrence(
                    original: occurrence.local, local: occurrence.local, start: occurrence.start,
                    end: occurrence.start.addingTimeInterval(duration))
            }
            guard let move else { return nil }
            moveIndex += 1
            return EventOccurrence(
                original: move.original, local: move.local, start: move.start,
                end: move.start.addingTimeInterval(duration))
        }
    }
}

import Foundation
import Store

/// The RSVP counts of one upcoming event occurrence (for `relaisctl status`).
public struct OccurrenceAnswers: Sendable, Hashable, Encodable {
    /// The event's id.
    public var eventId: Int64
    /// The event's title in the requested locale.
    public var title: String
    /// The occurrence's original local start (`YYYY-MM-DDTHH:MM:SS`), as `event attendees --occurrence` takes it.
    public var occurrence: String
    /// When it starts (moved where it was moved).
    public var start: Date
    /// Members who answered "I'll come".
    public var yes: Int
    /// Members who answered "I can't come".
    public var no: Int

    enum CodingKeys: String, CodingKey {
        case eventId = "event_id", title, occurrence, start, yes, no
    }

    /// The `limit` occurrences of `inputs`' events that start next after `now`, with their counts.
    public static func upcoming(
        _ inputs: PlannerInputs, store: any StatusStore, after now: Date, limit: Int, locale: String
    ) throws -> [OccurrenceAnswers] {
        var next: [(schedule: EventSchedule, occurrence: EventOccurrence)] = []
        for schedule in inputs.schedules {
            for occurrence in schedule.occurrences(from: now).prefix(limit) { next.append((schedule, occurrence)) }
        }
        return try next.sorted { ($0.occurrence.start, $0.schedule.id) < ($1.occurrence.start, $1.schedule.id) }.prefix(limit).map { entry in
            let original = entry.occurrence.original.description
            let answers = try store.rsvpAnswers(eventId: entry.schedule.id, occurrence: original)
            return OccurrenceAnswers(
                eventId: entry.schedule.id, title: LocalizedText.text(entry.schedule.event.titles, for: locale, defaultLocale: locale),
                occurrence: original, start: entry.occurrence.start,
                yes: answers.count { $0.answer == .yes }, no: answers.count { $0.answer == .no })
        }
    }
}

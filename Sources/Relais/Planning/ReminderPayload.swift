import Foundation

/// What a reminder row needs besides the member: which occurrence, which offset (JSON in `payload`).
struct ReminderPayload: Codable, Sendable {
    var eventId: Int64
    /// Original local start of the occurrence (`YYYY-MM-DDTHH:MM:SS`).
    var original: String
    /// Effective local start (differs when the occurrence was moved).
    var local: String
    var start: Date
    var offset: String

    init(_ reminder: PlannedReminder) {
        eventId = reminder.eventId
        original = reminder.original.description
        local = reminder.occurrenceLocal.description
        start = reminder.occurrenceStart
        offset = reminder.offset.description
    }

    func encoded() -> Data? { try? JSONEncoder().encode(self) }

    static func decode(_ data: Data?) -> ReminderPayload? {
        data.flatMap { try? JSONDecoder().decode(ReminderPayload.self, from: $0) }
    }
}

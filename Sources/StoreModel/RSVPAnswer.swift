import Foundation

/// A member's answer to "will you come?" for one event occurrence.
public struct RSVPAnswer: Sendable, Hashable {
    /// Yes or no.
    public enum Answer: String, Sendable, Codable, CaseIterable {
        /// She will come.
        case yes
        /// She will not come: her reminders of this occurrence are skipped.
        case no
    }

    /// Her id.
    public var memberId: Int64
    /// Her address.
    public var email: String
    /// Her name.
    public var name: String
    /// Her language.
    public var locale: String
    /// The occurrence (its original local start, as in the queue's keys).
    public var occurrence: String
    /// What she said.
    public var answer: Answer
    /// When she last said it.
    public var answeredAt: Date

    /// A value with every field given.
    public init(memberId: Int64, email: String, name: String, locale: String, occurrence: String, answer: Answer, answeredAt: Date) {
        self.memberId = memberId
        self.email = email
        self.name = name
        self.locale = locale
        self.occurrence = occurrence
        self.answer = answer
        self.answeredAt = answeredAt
    }
}

extension RSVPAnswer {
    /// Why a reminder of an occurrence she declined is not sent (`queue show` says it).
    public static let declinedReminderReason = "not sent: the member answered she will not come to this occurrence (RSVP no)"

    /// The queue's `source` of the reminders of one occurrence: `event:<id>:<YYYYMMDDTHHMMSS>`,
    /// from the occurrence's original local start as answers name it (`YYYY-MM-DDTHH:MM:SS`).
    public static func reminderSource(eventId: Int64, occurrence: String) -> String {
        "event:\(eventId):" + occurrence.filter { $0 != "-" && $0 != ":" }
    }

    /// The event id and occurrence (`YYYY-MM-DDTHH:MM:SS`) a reminder row's `source` names, or nil.
    public static func occurrence(ofReminderSource source: String) -> (eventId: Int64, occurrence: String)? {
        let parts = source.split(separator: ":")
        guard parts.count == 3, parts[0] == "event", let eventId = Int64(parts[1]) else { return nil }
        let basic = Array(parts[2])
        guard basic.count == 15, basic[8] == "T" else { return nil }
        let text = String(basic)
        func slice(_ from: Int, _ to: Int) -> Substring { text.dropFirst(from).prefix(to - from) }
        return (eventId, "\(slice(0, 4))-\(slice(4, 6))-\(slice(6, 8))T\(slice(9, 11)):\(slice(11, 13)):\(slice(13, 15))")
    }
}

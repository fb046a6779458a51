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
}

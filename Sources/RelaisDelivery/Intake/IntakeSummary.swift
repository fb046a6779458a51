/// What one pass over the bounce mailbox did.
public struct IntakeSummary: Sendable, Codable, Equatable {
    /// Members marked bounced (hard bounces, and soft ones past the limit).
    public var bounced = 0
    /// Soft bounces counted without reaching the limit.
    public var soft = 0
    /// Complaints: members unsubscribed from everything.
    public var complaints = 0
    /// `mailto:` unsubscribes: members who left one list.
    public var unsubscribed = 0
    /// Messages left for people (unflagged): replies, and reports about no known member.
    public var leftForHumans = 0
    /// Messages already recorded by an earlier pass and only flagged now (after a crash).
    public var flaggedAgain = 0
    /// Processed messages moved to `bounces.imap.processed_folder`.
    public var moved = 0

    /// An empty summary.
    public init() {}

    /// `2 bounced, 1 soft, 1 complaints, 1 unsubscribed, 1 left for humans`.
    public var line: String {
        "\(bounced) bounced, \(soft) soft, \(complaints) complaints, \(unsubscribed) unsubscribed, \(leftForHumans) left for humans"
    }

    enum CodingKeys: String, CodingKey {
        case bounced, soft, complaints, unsubscribed, moved
        case leftForHumans = "left_for_humans"
        case flaggedAgain = "flagged_again"
    }
}

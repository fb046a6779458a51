import Foundation

/// A message to every member of some lists, now or at a set time: a row of `announcement`.
public struct Announcement: Codable, Sendable, Hashable {
    /// Whether its messages were queued yet.
    public enum State: String, Codable, Sendable {
        /// Waiting for `dueAt`; the planner queues it then.
        case pending
        /// One queue row per recipient exists.
        case queued
        /// Withdrawn before it was queued.
        case cancelled
    }

    /// The template kind: `newsletter`, `meetup-announcement`…
    public var template: String
    /// The lists whose active members receive it.
    public var lists: [String]
    /// The template data (JSON), as given with `--data`.
    public var data: Data?
    /// When it is sent.
    public var dueAt: Date
    /// Whether its messages were queued yet.
    public var state: State
    /// How many queue rows it made.
    public var queuedCount: Int
    /// When it was created.
    public var createdAt: Date
    /// The event the message is about, if any (meetup announcements and cancellations).
    public var eventId: Int64?
    /// The occurrence's original local start (`YYYY-MM-DDTHH:MM:SS`), when about one occurrence.
    public var occurrence: String?
    /// For a change notice: the occurrence before the change (JSON written by the application).
    public var previous: Data?

    /// A pending announcement of `template` to `lists`, due at `dueAt`.
    public init(
        template: String, lists: [String], data: Data?, dueAt: Date, now: Date, eventId: Int64? = nil, occurrence: String? = nil,
        previous: Data? = nil
    ) {
        self.previous = previous
        self.eventId = eventId
        self.occurrence = occurrence
        self.template = template
        self.lists = lists
        self.data = data
        self.dueAt = dueAt
        self.state = .pending
        self.queuedCount = 0
        self.createdAt = now
    }
}

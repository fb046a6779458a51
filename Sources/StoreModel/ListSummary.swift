import Foundation

/// A list as `relaisctl list list` and `list show` present it.
public struct ListSummary: Sendable, Hashable {
    /// The list's id.
    public var id: Int64
    /// Its unique name.
    public var name: String
    /// Members subscribed to it (whatever their status).
    public var subscribed: Int
    /// Members who left it.
    public var unsubscribed: Int
    /// When it was created.
    public var createdAt: Date
    /// Events that remind its members, by id.
    public var events: [Int64]
    /// Announcements still to be queued to it, by id.
    public var pendingAnnouncements: [Int64]

    /// A value with every field given.
    public init(id: Int64, name: String, subscribed: Int, unsubscribed: Int, createdAt: Date, events: [Int64], pendingAnnouncements: [Int64]) {
        self.id = id
        self.name = name
        self.subscribed = subscribed
        self.unsubscribed = unsubscribed
        self.createdAt = createdAt
        self.events = events
        self.pendingAnnouncements = pendingAnnouncements
    }
}

import Foundation

/// One occurrence of a series cancelled (`movedTo` nil) or moved: a row of `eventException`.
public struct EventException: Codable, Sendable, Hashable {

    /// The series it belongs to.
    public var eventId: Int64
    /// The original local start of the occurrence, `YYYY-MM-DDTHH:MM:SS`.
    public var occurrence: String
    /// The new local start, or nil when the occurrence is cancelled.
    public var movedTo: String?
    /// When the exception was recorded.
    public var createdAt: Date

    /// Cancels (`movedTo` nil) or moves the occurrence of `eventId` starting at `occurrence`.
    public init(eventId: Int64, occurrence: String, movedTo: String?, now: Date) {
        self.eventId = eventId
        self.occurrence = occurrence
        self.movedTo = movedTo
        self.createdAt = now
    }
}

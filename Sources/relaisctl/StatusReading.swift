import Foundation
import Relais
import Store

/// What `relaisctl status` reads from the store, in one go on the store's thread.
///
/// The daemons' side of the store (heartbeats, events, pending announcements) is
/// ``DaemonStore``'s, which both backends keep; a store without it is refused in one line.
struct StatusReading: Sendable {
    /// Every daemon's heartbeat, the latest beat first.
    var heartbeats: [Heartbeat]
    /// Queue rows by state.
    var counts: [QueueMessage.State: Int]
    /// The next scheduled rows.
    var upcoming: [Stored<QueueMessage>]
    /// The pending announcements, soonest first.
    var pending: [Stored<Announcement>]
    /// The next reminder sends.
    var reminders: [UpcomingReminder]
    /// The next occurrences with their answers.
    var occurrences: [OccurrenceAnswers]
    /// The trace `relaisd --once` left, read only when no daemon beats.
    var lastActivity: Date?

    /// Reads `store` at `now`, titles in `locale`.
    init(_ store: any OperatorStore, locale: String, now: Date) throws {
        guard let daemonStore = store as? any DaemonStore else {
            throw InputError(
                "store.url: relaisctl status needs the daemons' side of the PostgreSQL store (heartbeats, events, pending announcements), which this relaisctl lacks",
                exitCode: Sysexits.unavailable)
        }
        heartbeats = try daemonStore.heartbeats()
        counts = try store.queueCounts()
        upcoming = try store.queueRows(state: .scheduled, limit: 5)
        pending = try daemonStore.pendingAnnouncements()
        let inputs = try? PlannerInputs(store: daemonStore)
        reminders = (try? inputs?.upcoming(after: now, limit: 5, locale: locale)) ?? []
        occurrences = try inputs.map { try OccurrenceAnswers.upcoming($0, store: store, after: now, limit: 5, locale: locale) } ?? []
        lastActivity = heartbeats.isEmpty ? try store.lastDaemonActivity() : nil
    }
}

import ArgumentParser
import Foundation
import Relais
import Store

/// `relaisctl status`: is the daemon alive, what is queued, what comes next.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show whether relaisd is alive (heartbeat), the queue by state, the next sends and any throttling."
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let context = try await global.context()
        let now = Date()
        let (heartbeat, counts, upcoming, pending) = CLI.run {
            (try context.store.heartbeat(), try context.store.queueCounts(),
             try context.store.queueRows(state: .scheduled, limit: 5), try context.store.pendingAnnouncements())
        }
        let reminders = (try? PlannerInputs(store: context.store).upcoming(after: now, limit: 5, locale: context.configuration.sender.defaultLocale)) ?? []
        var report = StatusReport(heartbeat: heartbeat, counts: counts, upcoming: upcoming, announcements: pending, now: now)
        report.reminders = reminders
        if json {
            CLI.printJSON(report)
            return
        }
        if let heartbeat {
            let age = Int(now.timeIntervalSince(heartbeat.beatAt))
            let state = report.alive ? "running" : "not running"
            print("relaisd:     \(state) (pid \(heartbeat.pid), version \(heartbeat.version), last heartbeat \(age)s ago, \(heartbeat.activity))")
        } else {
            print("relaisd:     never started on this database")
        }
        if let until = report.throttled_until, until > now {
            print("throttled:   until \(Timestamps.utc(until)) (the relay asked to slow down)")
        }
        let order: [QueueRecord.State] = [.scheduled, .queued, .sending, .deferred, .held, .unknown, .failed, .sent, .skipped, .cancelled]
        let summary = order.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
        print("queue:       \(summary.isEmpty ? "empty" : summary.joined(separator: ", "))")
        for row in upcoming {
            print("next:        \(Timestamps.utc(row.dueAt))  \(row.template) → \(row.recipient)")
        }
        for reminder in reminders {
            print("reminder:    \(Timestamps.utc(reminder.dueAt))  \(reminder.offset) before \(reminder.title) (event \(reminder.eventId), \(Timestamps.utc(reminder.occurrenceStart))) → \(reminder.recipients) members")
        }
        for announcement in pending {
            print("announce:    \(Timestamps.utc(announcement.dueAt))  \(announcement.template) → \(announcement.lists.joined(separator: ", "))")
        }
    }
}

/// `status --json`.
struct StatusReport: Encodable {
    var alive: Bool
    var pid: Int32?
    var version: String?
    var heartbeat_age_seconds: Int?
    var activity: String?
    var throttled_until: Date?
    var counts: [String: Int]
    var next: [QueueRowJSON]
    var pending_announcements: [[String: String]]
    var reminders: [UpcomingReminder] = []

    /// A heartbeat older than this means the daemon is not running.
    static let staleAfter: TimeInterval = 20

    init(heartbeat: HeartbeatRecord?, counts: [QueueRecord.State: Int], upcoming: [QueueRecord], announcements: [AnnouncementRecord], now: Date) {
        let fresh = heartbeat.map { now.timeIntervalSince($0.beatAt) < Self.staleAfter && $0.activity != "stopped" } ?? false
        alive = fresh
        pid = heartbeat?.pid
        version = heartbeat?.version
        heartbeat_age_seconds = heartbeat.map { Int(now.timeIntervalSince($0.beatAt)) }
        activity = heartbeat?.activity
        throttled_until = heartbeat?.throttledUntil
        self.counts = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
        next = upcoming.map(QueueRowJSON.init)
        pending_announcements = announcements.map {
            ["id": String($0.id ?? 0), "template": $0.template, "due_at": Timestamps.utc($0.dueAt), "lists": $0.lists.joined(separator: ",")]
        }
    }
}

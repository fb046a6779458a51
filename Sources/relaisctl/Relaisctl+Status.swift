import ArgumentParser
import Foundation
import Relais
import Store

/// `relaisctl status`: is the daemon alive, what is queued, what comes next.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show whether relaisd is alive (heartbeat), the queue by state, the next sends and any throttling.",
        discussion: "Times are shown in schedule.timezone (else the system's zone), or in UTC with --utc. After relaisd --once (which writes no heartbeat) it shows when relaisd last ran, from its last delivery attempt or reminder planning. --json: ids are numbers, lists are arrays, times are UTC ISO 8601."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await global.withSession { session in
            let now = Date()
            let locale = session.configuration.sender.defaultLocale
            let reading = try await session.run { store in try StatusReading(store, locale: locale, now: now) }
            try show(reading, now: now, configuration: session.configuration)
        }
    }

    /// Prints what was read, for people or as JSON.
    private func show(_ reading: StatusReading, now: Date, configuration: RelaisConfiguration) throws {
        let heartbeats = reading.heartbeats
        let heartbeat = heartbeats.first
        let counts = reading.counts
        let upcoming = reading.upcoming
        let pending = reading.pending
        let reminders = reading.reminders
        var report = StatusReport(heartbeat: heartbeat, counts: counts, upcoming: upcoming, announcements: pending, now: now)
        report.daemons = heartbeats.map { DaemonJSON($0, now: now) }
        report.reminders = reminders
        report.occurrences = reading.occurrences
        report.last_run = heartbeat == nil ? reading.lastActivity : heartbeat?.beatAt
        func show(_ date: Date) -> String { global.show(date, configuration) }
        if global.json {
            try CLI.printJSON(report)
            return
        }
        if report.daemons.count > 1 {
            // Several daemons share the store (PostgreSQL): one line each, the latest beat first.
            let running = report.daemons.filter(\.alive).count
            print("relaisd:     \(running) of \(report.daemons.count) running")
            for daemon in report.daemons {
                print("daemon:      \(daemon.host ?? "?") pid \(daemon.pid): \(daemon.alive ? "running" : "not running"), version \(daemon.version), last heartbeat \(daemon.heartbeat_age_seconds)s ago, \(daemon.activity)")
            }
        } else if let heartbeat {
            let age = Int(now.timeIntervalSince(heartbeat.beatAt))
            let state = report.alive ? "running" : "not running"
            let host = heartbeat.host.map { "\($0), " } ?? ""
            print("relaisd:     \(state) (\(host)pid \(heartbeat.pid), version \(heartbeat.version), last heartbeat \(age)s ago, \(heartbeat.activity))")
        } else if let last = report.last_run {
            print("relaisd:     not running (last ran \(show(last)), \(RelativeTime.describe(last, now: now)); no heartbeat: relaisd --once)")
        } else {
            print("relaisd:     never started on this database")
        }
        if let until = report.throttled_until, until > now {
            print("throttled:   until \(show(until)) (the relay asked to slow down or is unavailable)")
        }
        if let waiting = counts[.unknown], waiting > 0 {
            print("warning:     \(waiting) message\(waiting == 1 ? "" : "s") may or may not have arrived and wait\(waiting == 1 ? "s" : "") on you: relaisctl queue list --state unknown, then queue retry or queue cancel")
        }
        let order: [QueueMessage.State] = [.scheduled, .queued, .sending, .deferred, .held, .unknown, .failed, .sent, .skipped, .cancelled]
        let summary = order.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
        print("queue:       \(summary.isEmpty ? "empty" : summary.joined(separator: ", "))")
        for row in upcoming {
            print("next:        \(show(row.dueAt))  \(row.template) → \(row.recipient)")
        }
        for reminder in reminders {
            print("reminder:    \(show(reminder.dueAt))  \(reminder.offset) before \(reminder.title) (event \(reminder.eventId), \(show(reminder.occurrenceStart))) → \(reminder.recipients) members")
        }
        for occurrence in report.occurrences {
            print("answers:     \(show(occurrence.start))  \(occurrence.title) (event \(occurrence.eventId)): \(occurrence.yes) coming, \(occurrence.no) not coming")
        }
        for announcement in pending {
            print("announce:    \(show(announcement.dueAt))  \(announcement.template) → \(announcement.lists.joined(separator: ", "))")
        }
    }
}

/// One of `status --json`'s `pending_announcements`: the id a number, the lists an array.
struct PendingAnnouncementJSON: Encodable {
    var id: Int64
    var template: String
    var due_at: Date
    var lists: [String]
    var event_id: Int64?

    init(_ record: Stored<Announcement>) {
        id = record.id
        template = record.template
        due_at = record.dueAt
        lists = record.lists
        event_id = record.eventId
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
    var pending_announcements: [PendingAnnouncementJSON]
    var reminders: [UpcomingReminder] = []
    /// The next occurrences with their RSVP counts.
    var occurrences: [OccurrenceAnswers] = []
    /// The heartbeat's last beat, else the last trace `relaisd --once` left; nil if it never ran.
    var last_run: Date?
    /// Every daemon that beat on this store, the latest first (one with SQLite; any number with
    /// PostgreSQL); the fields above describe the first.
    var daemons: [DaemonJSON] = []

    /// A heartbeat older than this means the daemon is not running.
    static let staleAfter: TimeInterval = 20

    /// True when `heartbeat` says relaisd runs: it beat within ``staleAfter`` and did not stop.
    static func isAlive(_ heartbeat: Heartbeat, now: Date) -> Bool {
        now.timeIntervalSince(heartbeat.beatAt) < staleAfter && heartbeat.activity != "stopped"
    }

    init(heartbeat: Heartbeat?, counts: [QueueMessage.State: Int], upcoming: [Stored<QueueMessage>], announcements: [Stored<Announcement>], now: Date) {
        alive = heartbeat.map { Self.isAlive($0, now: now) } ?? false
        pid = heartbeat?.pid
        version = heartbeat?.version
        heartbeat_age_seconds = heartbeat.map { Int(now.timeIntervalSince($0.beatAt)) }
        activity = heartbeat?.activity
        throttled_until = heartbeat?.throttledUntil
        self.counts = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
        next = upcoming.map(QueueRowJSON.init)
        pending_announcements = announcements.map(PendingAnnouncementJSON.init)
    }
}

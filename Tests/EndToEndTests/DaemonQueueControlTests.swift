import Foundation
import RelaisTestSupport
import Testing

/// What the operator's queue commands and the planner's "too late" rule do to real deliveries
/// (`relaisd --once` keeps each step deterministic).
@Suite(.blocking, .serialized) struct DaemonQueueControlTests {
    @Test(.timeLimit(.minutes(2)))
    func heldRowWaitsForReleaseAndCancelledRowIsNeverSent() throws {
        let harness = try DaemonHarness()
        try harness.addMembers(3, list: "news")
        #expect(try harness.announce(list: "news") == 3)
        let rows = try harness.queueRows().sorted { $0.recipient < $1.recipient }
        try #require(rows.count == 3)
        let (held, cancelled, free) = (rows[0], rows[1], rows[2])

        // Before the daemon ever ran: hold one, cancel another.
        #expect(try harness.sandbox.ctl(["queue", "hold", String(held.id)]).status == 0)
        #expect(try harness.sandbox.ctl(["queue", "cancel", String(cancelled.id)]).status == 0)

        let first = try harness.runOnce()
        #expect(first.status == 0, "relaisd --once: \(first.stderr)")
        #expect(try harness.recordedRecipients() == [free.recipient])
        var states = try Dictionary(uniqueKeysWithValues: harness.queueRows().map { ($0.id, $0.state) })
        #expect(states == [held.id: "held", cancelled.id: "cancelled", free.id: "sent"])

        // Releasing sends it; the cancelled one stays cancelled, even when asked to release it too.
        #expect(try harness.sandbox.ctl(["queue", "release", String(held.id)]).status == 0)
        let second = try harness.runOnce()
        #expect(second.status == 0, "relaisd --once: \(second.stderr)")
        #expect(try harness.recordedRecipients().sorted() == [held.recipient, free.recipient].sorted())
        states = try Dictionary(uniqueKeysWithValues: harness.queueRows().map { ($0.id, $0.state) })
        #expect(states == [held.id: "sent", cancelled.id: "cancelled", free.id: "sent"])
        #expect(try !harness.recordedRecipients().contains(cancelled.recipient))
    }

    @Test(.timeLimit(.minutes(2)))
    func releaseWhileTheDaemonRunsIsNoticedAndTheOtherHeldRowStaysBack() throws {
        let harness = try DaemonHarness()
        try harness.addMembers(2, list: "news")
        #expect(try harness.announce(list: "news") == 2)
        let rows = try harness.queueRows().sorted { $0.recipient < $1.recipient }
        try #require(rows.count == 2)
        #expect(try harness.sandbox.ctl(["queue", "hold", "--all"]).status == 0)

        // Both rows are due: a daemon that ignored the hold would send both as soon as it starts.
        let daemon = try harness.startDaemon()
        try #require(daemon.waitForLine(timeout: 30) { $0.contains("started") } != nil, "\(DaemonHarness.tail(daemon))")
        #expect(try harness.sandbox.ctl(["queue", "release", String(rows[0].id)]).status == 0)
        let sent = try waitUntil(timeout: 30) { try harness.queueRows().first { $0.id == rows[0].id }?.state == "sent" }
        #expect(sent, "the released row was not sent by the running daemon: \(DaemonHarness.tail(daemon))")
        #expect(try harness.recordedRecipients() == [rows[0].recipient])
        #expect(try harness.queueRows().first { $0.id == rows[1].id }?.state == "held")

        // A held row can be cancelled; then nothing sends it.
        #expect(try harness.sandbox.ctl(["queue", "cancel", String(rows[1].id)]).status == 0)
        #expect(DaemonHarness.stop(daemon, signal: SIGTERM) == 0)
        #expect(try harness.runOnce().status == 0)
        #expect(try harness.recordedRecipients() == [rows[0].recipient])
        #expect(try harness.queueRows().first { $0.id == rows[1].id }?.state == "cancelled")
    }

    @Test(.timeLimit(.minutes(2)))
    func reminderAfterItsOccurrenceStartedIsSkippedWithTheReason() throws {
        let harness = try DaemonHarness()
        try harness.addMembers(2, list: "be")
        // The occurrence starts in a few seconds; its 1-minute reminder fell due a minute ago,
        // while relaisd was not running (never ran).
        let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 3).rounded(.up))
        let added = try harness.sandbox.ctl(
            ["event", "add", "--title", "fr=Apéro", "--title", "en=Drinks", "--start", DaemonReminderTests.local(start, zone: "Europe/Brussels"),
             "--tz", "Europe/Brussels", "--list", "be", "--remind", "1m"])
        try #require(added.status == 0, "event add: \(added.stderr)")
        waitUntil(timeout: 10) { Date() > start.addingTimeInterval(0.5) }

        let once = try harness.runOnce()
        #expect(once.status == 0, "relaisd --once: \(once.stderr)")
        #expect(harness.recordCount() == 0, "a reminder went out after its occurrence started")
        let rows = try harness.queueRows()
        #expect(rows.count == 2, "one row per member, recorded as skipped: \(rows.map(\.state))")
        for row in rows {
            #expect(row.state == "skipped", "\(row.recipient): \(row.state)")
            let entry = try harness.queueEntry(row.id)
            let reason = (entry["reason"] as? String ?? "").lowercased()
            #expect(reason.contains("start") || reason.contains("late"), "reason: \(reason)")
            #expect((entry["attempts"] as? [Any])?.isEmpty != false, "no delivery attempt")
        }
        // Running again changes nothing: never sent, never queued twice.
        #expect(try harness.runOnce().status == 0)
        #expect(try harness.queueRows().count == 2)
        #expect(harness.recordCount() == 0)
    }
}

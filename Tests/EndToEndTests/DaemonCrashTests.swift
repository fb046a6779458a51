import Foundation
import RelaisTestSupport
import Testing

/// Crash safety of the running daemon: `kill -9` mid-announcement and SIGTERM during delivery,
/// checked against what the test server actually accepted.
@Suite(.blocking, .serialized) struct DaemonCrashTests {
    @Test(.timeLimit(.minutes(3)))
    func killDashNineMidAnnouncementLosesNothingAndDuplicatesOnlyWhatWasInFlight() throws {
        // A rate limit only so that the kill lands mid-way whatever the machine's speed.
        let harness = try DaemonHarness(connections: 4, rate: 200)
        let members = try harness.addMembers(2000, list: "all")
        #expect(try harness.announce(list: "all") == 2000)

        let first = try harness.startDaemon()
        let started = waitUntil(timeout: 90) { harness.recordCount() >= 300 }
        try #require(started, "delivery did not start: \(DaemonHarness.tail(first))")
        first.stop(signal: SIGKILL)
        let atKill = harness.recordCount()
        try #require(atKill < 2000, "everything was sent before the kill: nothing was interrupted")

        let second = try harness.startDaemon()
        let complete = try waitUntil(timeout: 120) {
            try harness.recordCount() >= 2000 && Set(harness.recordedRecipients()).count == 2000
        }
        let settled = try waitUntil(timeout: 30) { try harness.stateCounts() == ["sent": 2000] }
        #expect(DaemonHarness.stop(second, signal: SIGTERM) == 0)
        try #require(complete, "the server got \((try? harness.recordedRecipients()).map { Set($0).count } ?? -1) of 2000 members: \(DaemonHarness.tail(second))")
        #expect(settled, "queue after restart: \(harness.queueSummary)")

        let records = try harness.server.records()
        let recipients = records.flatMap(\.rcpt_tos)
        let distinct = Set(recipients)
        #expect(distinct == Set(members))
        let duplicates = recipients.count - distinct.count
        #expect(duplicates <= harness.connections, "\(duplicates) duplicates; at most \(harness.connections) messages can be in flight")
        // A duplicate is a resend of the same composed message: same Message-ID.
        var messageIds: [String: Set<String>] = [:]
        for record in records {
            messageIds[record.rcpt_tos.first ?? "", default: []].insert(DaemonHarness.header("Message-ID", in: record.bytes) ?? "")
        }
        #expect(messageIds.values.allSatisfy { $0.count == 1 }, "a recipient got two different Message-IDs")
        // The queue agrees with the server: exactly the recorded recipients are sent.
        #expect(Set(try harness.queueRows(state: "sent").map(\.recipient)) == distinct)
    }

    @Test(.timeLimit(.minutes(3)))
    func sigtermDuringDeliveryExitsCleanlyReleasesLeasesAndLosesNothing() throws {
        let harness = try DaemonHarness(connections: 4, rate: 50)
        let members = try harness.addMembers(300, list: "all")
        #expect(try harness.announce(list: "all") == 300)

        let daemon = try harness.startDaemon()
        let started = waitUntil(timeout: 60) { harness.recordCount() >= 40 }
        try #require(started, "delivery did not start: \(DaemonHarness.tail(daemon))")
        let status = DaemonHarness.stop(daemon, signal: SIGTERM)
        #expect(status == 0, "exit status after SIGTERM: \(String(describing: status)); \(DaemonHarness.tail(daemon))")

        // Stopped: no lease left behind, and every message the server accepted is recorded as sent.
        let counts = try harness.stateCounts()
        #expect(counts["sending", default: 0] == 0, "rows left in sending: \(counts)")
        let beforeRestart = try harness.recordedRecipients()
        #expect(beforeRestart.count < 300, "SIGTERM came after everything was sent: nothing was interrupted")
        #expect(Set(beforeRestart).count == beforeRestart.count, "duplicates before the restart")
        #expect(Set(try harness.queueRows(state: "sent").map(\.recipient)) == Set(beforeRestart))
        #expect(counts["failed", default: 0] == 0 && counts["unknown", default: 0] == 0, "\(counts)")

        // Restarted: the rest goes out, nothing twice.
        let once = try harness.runOnce()
        #expect(once.status == 0, "relaisd --once: \(once.stderr.suffix(2000))")
        let recipients = try harness.recordedRecipients()
        #expect(Set(recipients) == Set(members), "\(Set(members).subtracting(recipients).count) members never got it")
        #expect(recipients.count == Set(recipients).count, "\(recipients.count - Set(recipients).count) duplicates")
        #expect(try harness.stateCounts() == ["sent": 300])
    }

    @Test(.timeLimit(.minutes(2)))
    func relayDownPausesTheTransportThenEverythingGoesOut() throws {
        let harness = try DaemonHarness(connections: 2, relayDown: true, smtpExtra: ["pause: 1s", "pause_max: 2s"])
        let members = try harness.addMembers(20, list: "all")
        #expect(try harness.announce(list: "all") == 20)

        let daemon = try harness.startDaemon()
        // The relay's fault is nobody's: the rows wait in the queue, no attempt counted against them.
        let paused = waitUntil(timeout: 60) { daemon.stderr.filter { $0.contains("relay unreachable") }.count >= 2 }
        #expect(paused, "no pause with the relay refusing connections: \(DaemonHarness.tail(daemon))")
        let rows = try harness.queueRows()
        #expect(rows.allSatisfy { $0.attempts == 0 && ($0.state == "queued" || $0.state == "sending") }, "\(harness.queueSummary)")

        try harness.restartServer()
        let sent = try waitUntil(timeout: 60) { try harness.stateCounts() == ["sent": 20] }
        #expect(DaemonHarness.stop(daemon, signal: SIGTERM) == 0)
        #expect(sent, "after the relay came back: \(harness.queueSummary); \(DaemonHarness.tail(daemon))")
        let recipients = try harness.recordedRecipients()
        #expect(Set(recipients) == Set(members))
        #expect(recipients.count == 20, "each member once")
        // One line per pause (backoff doubling to 2 s), not one per message and connection.
        let lines = daemon.stderr.filter { $0.contains("relay unreachable") }
        #expect(lines.count < 40, "\(lines.count) lines for the outage")
    }

    @Test(.timeLimit(.minutes(2)))
    func relayDownThenQueueFlushSendsTheWaitingRowsAtOnce() throws {
        // The default 30-second pause: only `queue flush` can make the waiting rows due within the test.
        let harness = try DaemonHarness(connections: 2, retryFirst: "5m", retryMaxDelay: "4h", relayDown: true)
        let members = try harness.addMembers(6, list: "all")
        #expect(try harness.announce(list: "all") == 6)

        let down = try harness.runOnce()
        #expect(down.status == 0, "relaisd --once with the relay down: \(down.stderr)")
        let rows = try harness.queueRows()
        #expect(rows.allSatisfy { $0.state == "queued" && $0.attempts == 0 }, "\(rows.map(\.state))")
        for row in rows {
            let reason = try harness.queueEntry(row.id)["reason"] as? String
            #expect(reason?.contains("relay") == true, "waiting row \(row.id) does not say why: \(reason ?? "no reason")")
        }

        try harness.restartServer()
        #expect(try harness.runOnce().status == 0)
        #expect(harness.recordCount() == 0, "a row was sent before the pause ended")
        #expect(try harness.sandbox.ctl(["queue", "flush"]).status == 0)
        let up = try harness.runOnce()
        #expect(up.status == 0, "relaisd --once after flush: \(up.stderr)")
        #expect(try harness.stateCounts() == ["sent": 6])
        let recipients = try harness.recordedRecipients()
        #expect(recipients.sorted() == members.sorted())
    }
}

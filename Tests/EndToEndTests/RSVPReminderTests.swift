import Foundation
import RelaisTestSupport
import Testing

/// An RSVP "no" through relaisd's web endpoint keeps the reminders of that occurrence from
/// her, whether the answer comes before the reminder is due or while it waits in the queue;
/// the SMTP test server is the witness.
@Suite(.blocking, .serialized) struct RSVPReminderTests {
    /// `<member id>-<token>` of every member, read from the database by Python's sqlite3.
    static func memberKeys(_ harness: DaemonHarness) throws -> [String: String] {
        try memberKeys(database: harness.sandbox.directory.file("var/relais.sqlite"))
    }

    /// `<member id>-<token>` of every member of the database at `database`.
    static func memberKeys(database: String) throws -> [String: String] {
        let result = try ProcessRunner.run("/usr/bin/python3", [
            "-c",
            "import sqlite3, sys\nfor row in sqlite3.connect(sys.argv[1]).execute('SELECT email, id, unsubscribeToken FROM member'): print(row[0], f'{row[1]}-{row[2]}')",
            database,
        ])
        guard result.status == 0 else { throw HarnessError("reading the members failed: \(result.stderr)") }
        return Dictionary(uniqueKeysWithValues: result.stdout.split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            return (String(parts[0]), String(parts[1]))
        })
    }

    @Test(.timeLimit(.minutes(4)))
    func anRSVPNoSkipsTheNextReminderOfThatOccurrenceEvenOnceQueued() throws {
        // The relay is down at first, so the reminders wait in the queue once they fall due.
        let harness = try DaemonHarness(relayDown: true, smtpExtra: ["pause: 1s", "pause_max: 1s"])
        let members = try harness.addMembers(3, list: "be", locales: ["es", "fr", "de"])
        let (ana, bea, cleo) = (members[0], members[1], members[2])

        // Starts in about 2.5 minutes with a 2-minute reminder: due about 30 s from now.
        let start = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 150).rounded(.up))
        let local = DaemonReminderTests.local(start, zone: "Europe/Brussels")
        let added = try harness.sandbox.ctl([
            "event", "add", "--title", "fr=Petit-déjeuner", "--title", "es=Desayuno", "--title", "de=Frühstück",
            "--start", local, "--tz", "Europe/Brussels", "--list", "be", "--remind", "2m",
        ])
        try #require(added.status == 0, "event add: \(added.stderr)")
        let event = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let keys = try Self.memberKeys(harness)

        let daemon = try harness.startDaemon(environment: [
            "RELAIS_WEB_LISTEN": "127.0.0.1:0", "RELAIS_WEB_BASE_URL": WebEndpointTests.base,
        ])
        defer { _ = DaemonHarness.stop(daemon, signal: SIGKILL) }
        guard let line = daemon.waitForLine({ $0.contains("web endpoint listening on 127.0.0.1:") }),
              let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        else { throw HarnessError("relaisd did not report its web port: \(DaemonHarness.tail(daemon))") }
        let occurrence = local.replacingOccurrences(of: ":", with: "%3A")
        func rsvp(_ email: String) throws -> String {
            "http://127.0.0.1:\(port)/r/\(try #require(keys[email]))/\(event)/\(occurrence)"
        }

        // Cleo answers no before the reminder is due: the planner queues hers as skipped. Bea will come.
        #expect(try WebClient.request("POST", try rsvp(cleo), body: "answer=no").status == 200)
        #expect(try WebClient.request("POST", try rsvp(bea), body: "answer=yes").status == 200)

        let queued = try waitUntil(timeout: 120) { try harness.queueRows().filter { $0.template == "meetup-reminder" }.count == 3 }
        try #require(queued, "reminders not queued: \(harness.queueSummary)\n\(DaemonHarness.tail(daemon))")
        var rows = try harness.queueRows()
        #expect(rows.first { $0.recipient == cleo }?.state == "skipped")
        #expect(rows.first { $0.recipient == ana }.map { ["queued", "sending", "deferred"].contains($0.state) } == true, "\(rows)")

        // Ana answers no while hers waits in the queue: skipped in the answer's transaction.
        #expect(try WebClient.request("POST", try rsvp(ana), body: "answer=no").status == 200)
        rows = try harness.queueRows()
        let anaRow = try #require(rows.first { $0.recipient == ana })
        #expect(anaRow.state == "skipped")
        let shown = try harness.queueEntry(anaRow.id)
        #expect((shown["reason"] as? String)?.contains("RSVP no") == true, "\(shown)")
        // Changing her mind does not bring back a reminder that was already due.
        #expect(try WebClient.request("POST", try rsvp(ana), body: "answer=yes").status == 200)
        #expect(try harness.queueRows().first { $0.recipient == ana }?.state == "skipped")

        // The relay comes back: only Bea gets the reminder.
        try harness.restartServer()
        let delivered = try waitUntil(timeout: 60) { try harness.queueRows().first { $0.recipient == bea }?.state == "sent" }
        #expect(delivered, "queue: \(harness.queueSummary)\n\(DaemonHarness.tail(daemon))")
        #expect(try harness.recordedRecipients() == [bea])
        #expect(Dictionary(grouping: try harness.queueRows(), by: \.state).mapValues(\.count) == ["sent": 1, "skipped": 2])

        // Her calendar stays a PUBLISH from the organizer, without ATTENDEE: RFC 5546 §3.2.1
        // says attendees MUST NOT be present in a PUBLISH (her answer lives on the web page).
        let summary = try #require(try harness.mailSummaries().first)
        #expect(summary.calendar_method == "PUBLISH")
        #expect(summary.calendar_organizer?.lowercased().hasPrefix("mailto:") == true, "\(summary)")
        #expect(summary.calendar_attendees == [], "\(summary)")
    }
}

import Foundation
import RelaisTestSupport
import Testing

/// How the daemon records the relay's refusals: a 5.1.1 bounces the member for good, a 4xx is retried.
@Suite(.blocking, .serialized) struct DaemonReplyTests {
    @Test(.timeLimit(.minutes(2)))
    func noSuchUserFailsTheRowAndSuppressesTheMember() throws {
        let harness = try DaemonHarness(serverArguments: [
            "--fault", "rcpt:550 5.1.1 <member1@example.org>: Recipient address rejected: User unknown",
            "--fault-match", "member1@example.org",
        ])
        try harness.addMembers(3, list: "news")
        #expect(try harness.announce(list: "news") == 3)
        let once = try harness.runOnce()
        #expect(once.status == 0, "relaisd --once: \(once.stderr)")

        let rows = Dictionary(uniqueKeysWithValues: try harness.queueRows().map { ($0.recipient, $0) })
        #expect(rows["member0@example.org"]?.state == "sent")
        #expect(rows["member2@example.org"]?.state == "sent")
        let bounced = try #require(rows["member1@example.org"])
        #expect(bounced.state == "failed")
        #expect(bounced.last_reply?.hasPrefix("550 5.1.1") == true, "last reply: \(bounced.last_reply ?? "none")")
        #expect(try harness.recordedRecipients().sorted() == ["member0@example.org", "member2@example.org"])

        let member = try harness.sandbox.ctl(["member", "show", "member1@example.org", "--json"])
        let status = (try JSONSerialization.jsonObject(with: Data(member.stdout.utf8)) as? [String: Any])?["status"] as? String
        #expect(status == "bounced", "member1 after a 5.1.1: \(member.stdout)")
        // The next announcement leaves her out.
        #expect(try harness.announce(list: "news") == 2)
    }

    @Test(.timeLimit(.minutes(2)))
    func temporaryFailureIsDeferredThenSentWithTheSameMessage() throws {
        let harness = try DaemonHarness(serverArguments: [
            "--fault", "rcpt:452 4.2.2 Mailbox full", "--fault-match", "member1@example.org", "--fault-count", "1",
        ])
        try harness.addMembers(3, list: "news")
        #expect(try harness.announce(list: "news") == 3)
        #expect(try harness.runOnce().status == 0)
        var rows = Dictionary(uniqueKeysWithValues: try harness.queueRows().map { ($0.recipient, $0) })
        let deferred = try #require(rows["member1@example.org"])
        #expect(deferred.state == "deferred")
        #expect(deferred.last_reply?.hasPrefix("452 4.2.2") == true, "last reply: \(deferred.last_reply ?? "none")")
        #expect(rows.values.filter { $0.state == "sent" }.count == 2)

        // Its retry (made due now by flush) sends the very same message.
        #expect(try harness.sandbox.ctl(["queue", "flush"]).status == 0)
        #expect(try harness.runOnce().status == 0)
        rows = Dictionary(uniqueKeysWithValues: try harness.queueRows().map { ($0.recipient, $0) })
        #expect(rows["member1@example.org"]?.state == "sent")
        #expect(rows["member1@example.org"]?.attempts == 2)
        let records = try harness.server.records().filter { $0.rcpt_tos == ["member1@example.org"] }
        #expect(records.count == 1)
        #expect(records.first.flatMap { DaemonHarness.header("Message-ID", in: $0.bytes) } == deferred.message_id)
        let entry = try harness.queueEntry(deferred.id)
        let outcomes = (entry["attempts"] as? [[String: Any]])?.compactMap { $0["outcome"] as? String }
        #expect(outcomes == ["deferred", "sent"], "attempts: \(String(describing: entry["attempts"]))")
    }
}

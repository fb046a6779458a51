import Foundation
import RelaisTestSupport
import Testing

/// A reload (SIGHUP) while messages are going out replaces the transport without cutting any
/// message short: the old one closes when the pass that uses it ends.
@Suite(.blocking, .serialized) struct DaemonReloadTests {
    @Test(.timeLimit(.minutes(3)))
    func reloadDuringDeliveryDefersNothing() throws {
        let harness = try DaemonHarness(connections: 4, rate: 50)
        let members = try harness.addMembers(200, list: "all")
        #expect(try harness.announce(list: "all") == 200)
        let daemon = try harness.startDaemon()
        let started = waitUntil(timeout: 60) { harness.recordCount() >= 30 }
        try #require(started, "delivery did not start: \(DaemonHarness.tail(daemon))")
        for _ in 0..<3 {
            kill(daemon.process.processIdentifier, SIGHUP)
            #expect(daemon.waitForLine(timeout: 30) { $0.contains("reloaded") } != nil)
        }
        let done = try waitUntil(timeout: 90) { try harness.stateCounts() == ["sent": 200] }
        #expect(DaemonHarness.stop(daemon, signal: SIGTERM) == 0)
        #expect(done, "queue: \(harness.queueSummary)")
        // Every message went out once, at its first attempt: none was deferred by the reloads.
        #expect(Set(try harness.recordedRecipients()) == Set(members))
        #expect(try harness.queueRows().allSatisfy { $0.attempts == 1 })
        #expect(try harness.integrityCheck() == "ok", "the database after three reloads during a send")
    }
}

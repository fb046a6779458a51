import Foundation
import RelaisTestSupport
import Testing

/// Several relaisd on one PostgreSQL queue, end to end: the built binaries, a throwaway
/// PostgreSQL cluster, the aiosmtpd test server. The members and the announcement are made on
/// SQLite with relaisctl and moved with `relaisctl store copy`, as an installation moves over.
@Suite(.blocking, .serialized) struct PostgresDaemonsTests {
    /// A harness whose queue holds `members` announcement rows, copied into a fresh PostgreSQL
    /// database; returns it with the environment that points relaisd at that database.
    static func installation(
        members count: Int, rate: Int, server: PostgresServer
    ) throws -> (DaemonHarness, [String], [String: String]) {
        let harness = try DaemonHarness(connections: 4, rate: rate)
        let members = try harness.addMembers(count, list: "all")
        #expect(try harness.announce(list: "all") == count)
        let url = server.url(database: try server.createDatabase())
        let passwordFile = server.writePasswordFile()
        let copied = try harness.sandbox.ctl(["store", "copy", "--to", url, "--password-file", passwordFile, "-q"])
        try #require(copied.status == 0, "store copy: \(copied.stderr)")
        let environment = [
            "RELAIS_STORE_URL": url, "RELAIS_STORE_PASSWORD_FILE": passwordFile,
            // A dead daemon's rows are taken over when their lease runs out: 10 s instead of 10 minutes.
            "RELAIS_LEASE": "10",
        ]
        return (harness, members, environment)
    }

    /// `relaisctl status --json` on the PostgreSQL store.
    static func status(_ harness: DaemonHarness, _ environment: [String: String]) throws -> [String: Any] {
        let result = try harness.sandbox.ctl(["status", "--json"], environment: environment)
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    @Test(.timeLimit(.minutes(5)))
    func twoDaemonsDeliverAnAnnouncementOnceEach() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let (harness, members, environment) = try Self.installation(members: 5000, rate: 0, server: server)
        let first = try harness.startDaemon(environment: environment)
        let second = try harness.startDaemon(environment: environment)
        let complete = try waitUntil(timeout: 180) { try Set(harness.recordedRecipients()).count == 5000 }
        // Both say they are alive, each in its own heartbeat row.
        var daemons: [[String: Any]] = []
        waitUntil(timeout: 20) {
            daemons = ((try? Self.status(harness, environment))?["daemons"] as? [[String: Any]]) ?? []
            return daemons.filter { $0["alive"] as? Bool == true }.count == 2
        }
        #expect(DaemonHarness.stop(first, signal: SIGTERM) == 0, "\(DaemonHarness.tail(first))")
        #expect(DaemonHarness.stop(second, signal: SIGTERM) == 0, "\(DaemonHarness.tail(second))")
        try #require(complete, "the server got \((try? harness.recordedRecipients()).map { Set($0).count } ?? -1) of 5000")

        let recipients = try harness.recordedRecipients()
        #expect(Set(recipients) == Set(members))
        #expect(recipients.count == 5000, "\(recipients.count - Set(recipients).count) duplicates")
        let pids = Set(daemons.compactMap { $0["pid"] as? Int })
        #expect(pids == [Int(first.process.processIdentifier), Int(second.process.processIdentifier)], "\(daemons)")
        let counts = try Self.status(harness, environment)["counts"] as? [String: Int]
        #expect(counts == ["sent": 5000], "\(String(describing: counts))")
        // Both did part of the work (the claims interleave).
        let lines = (first.stderr + second.stderr).filter { $0.contains("sent <") }
        #expect(first.stderr.contains { $0.contains("sent <") } && second.stderr.contains { $0.contains("sent <") }, "\(lines.count) sent lines")
    }

    @Test(.timeLimit(.minutes(5)))
    func aDaemonKilledMidSendLeavesItsRowsToTheOther() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        // A shared rate only so that the kill lands mid-way whatever the machine's speed.
        let (harness, members, environment) = try Self.installation(members: 2000, rate: 200, server: server)
        let doomed = try harness.startDaemon(environment: environment)
        let survivor = try harness.startDaemon(environment: environment)
        let started = waitUntil(timeout: 90) { harness.recordCount() >= 300 }
        try #require(started, "delivery did not start: \(DaemonHarness.tail(doomed))")
        doomed.stop(signal: SIGKILL)
        let atKill = harness.recordCount()
        try #require(atKill < 2000, "everything was sent before the kill")

        // The survivor finishes, taking the dead daemon's rows over when their lease runs out.
        let complete = try waitUntil(timeout: 150) { try Set(harness.recordedRecipients()).count == 2000 }
        let settled = try waitUntil(timeout: 30) { (try Self.status(harness, environment)["counts"] as? [String: Int]) == ["sent": 2000] }
        #expect(DaemonHarness.stop(survivor, signal: SIGTERM) == 0, "\(DaemonHarness.tail(survivor))")
        try #require(complete, "the server got \((try? harness.recordedRecipients()).map { Set($0).count } ?? -1) of 2000: \(DaemonHarness.tail(survivor))")
        #expect(settled)
        let recipients = try harness.recordedRecipients()
        #expect(Set(recipients) == Set(members))
        let duplicates = recipients.count - Set(recipients).count
        #expect(duplicates <= harness.connections, "\(duplicates) duplicates; the killed daemon had \(harness.connections) connections")
        // The shared limit held across both daemons: never more than 200 a second together.
        #expect(!survivor.stderr.contains { $0.contains("cannot take a share") }, "\(DaemonHarness.tail(survivor))")
    }
}

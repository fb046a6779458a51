import Foundation
import RelaisTestSupport
import Testing

/// `event cancel`, `event move` and `event update` write the change and the notices telling it
/// in one transaction: a fault injected into the notices' insert leaves the event as it was.
@Suite(.blocking) struct EventNoticeTransactionTests {
    /// Runs `sql` on the sandbox's database with Python's sqlite3; returns the first column of each row.
    static func sql(_ sandbox: Sandbox, _ sql: String) throws -> [String] {
        let result = try ProcessRunner.run("/usr/bin/python3", [
            "-c",
            "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\nfor row in c.execute(sys.argv[2]): print(row[0])",
            sandbox.directory.file("var/relais.sqlite"), sql,
        ])
        guard result.status == 0 else { throw HarnessError("sqlite3 failed: \(result.stderr)") }
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// The event's sequence, its exceptions and the announcements and queue rows: what a change writes.
    static func state(_ sandbox: Sandbox) throws -> [String] {
        try sql(sandbox, "SELECT sequence || '/' || cancelled FROM event")
            + sql(sandbox, "SELECT occurrence || '→' || COALESCE(movedTo, 'cancelled') FROM eventException ORDER BY occurrence")
            + sql(sandbox, "SELECT 'announcements ' || COUNT(*) FROM announcement")
            + sql(sandbox, "SELECT 'rows ' || COUNT(*) FROM queue")
    }

    @Test func aFailedNoticeLeavesTheEventUnchanged() throws {
        let sandbox = try EventNoticeTests().sandboxWithMembers()
        let id = try EventNoticeTests().addSeries(sandbox)
        let before = try Self.state(sandbox)
        // The fault: every insert of an announcement (the notices) fails, after the change was made.
        _ = try Self.sql(sandbox, "CREATE TRIGGER injected_fault BEFORE INSERT ON announcement BEGIN SELECT RAISE(ABORT, 'injected fault'); END")

        for arguments in [
            ["event", "cancel", id, "--occurrence", "2050-04-05T08:30"],
            ["event", "cancel", id],
            ["event", "move", id, "--occurrence", "2050-03-01T08:30", "--to", "2050-03-03T19:00"],
            ["event", "update", id, "--location", "Rue Neuve 2"],
        ] {
            let result = try sandbox.ctl(arguments)
            #expect(result.status != 0, "\(arguments) should fail: \(result.stdout)")
            #expect(result.stderr.contains("injected fault"), "\(arguments): \(result.stderr)")
            #expect(try Self.state(sandbox) == before, "\(arguments) left a change behind")
        }

        // Without the fault, the same change and its notices are written together.
        _ = try Self.sql(sandbox, "DROP TRIGGER injected_fault")
        let cancelled = try sandbox.ctl(["event", "cancel", id, "--occurrence", "2050-04-05T08:30"])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        let after = try Self.state(sandbox)
        #expect(after.contains("2050-04-05T08:30:00→cancelled"), "\(after)")
        #expect(after.contains("announcements 1"), "\(after)")
        #expect(!after.contains("rows 0"), "\(after)")
    }
}

import Foundation
import RelaisTestSupport
import Testing

/// One line for every change, headers for empty listings, JSON types, local times.
@Suite(.blocking) struct HabitsTests {
    @Test func everyChangeSaysWhatItDidAndQuietSilencesIt() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.ctl(["queue", "hold", "--all"]).stdout == "held 0 messages\n")
        #expect(try sandbox.ctl(["queue", "flush"]).stdout == "made 0 messages due now\n")
        #expect(try sandbox.ctl(["list", "add", "be"]).status == 0)
        let added = try sandbox.ctl(["event", "add", "--title", "fr=Atelier", "--start", "2050-03-01T08:30", "--tz", "Europe/Brussels", "--list", "be"])
        #expect(added.stdout == "1\n")
        // What changed, then whom the change was told to (nobody is on the list yet).
        #expect(try sandbox.ctl(["event", "cancel", "1", "--occurrence", "2050-03-01T08:30"]).stdout
            == "cancelled the occurrence 2050-03-01T08:30 of event 1\nqueued 0 cancellation messages (occurrence 2050-03-01T08:30)\n")
        #expect(try sandbox.ctl(["event", "cancel", "1"]).stdout == "cancelled event 1 (every occurrence)\ntold nobody: no occurrence to come\n")
        #expect(try sandbox.ctl(["member", "add", "ana@example.es", "--name", "Ana", "--locale", "es"]).stdout == "added member ana@example.es\n")
        #expect(try sandbox.ctl(["member", "add", "ana@example.es", "--name", "Ana", "--locale", "es"]).stdout == "unchanged: member ana@example.es\n")
        #expect(try sandbox.ctl(["member", "unsubscribe", "ana@example.es"]).stdout == "unsubscribed ana@example.es from every list\n")
        for command in [["queue", "hold", "--all"], ["queue", "flush"], ["member", "remove", "ana@example.es"], ["event", "remove", "1"]] {
            let quiet = try sandbox.ctl(command + ["-q"])
            #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(command)")
        }
    }

    @Test func announceSaysWhatItQueuedAndQuietSilencesIt() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.ctl(["member", "add", "ana@example.es", "--name", "Ana", "--locale", "es", "--list", "be", "--create-lists"]).status == 0)
        let data = sandbox.directory.write("n.json", #"{"title": "Carta", "paragraphs": ["Hola"]}"#)
        #expect(try sandbox.ctl(["announce", "newsletter", "--list", "be", "--data", "es=\(data)"]).stdout == "announcement 1: queued 1 message\n")
        let quiet = try sandbox.ctl(["announce", "newsletter", "--list", "be", "--data", "es=\(data)", "-q"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty && quiet.stderr.isEmpty)
    }

    @Test func holdJSONGivesIdsAsNumbers() throws {
        let sandbox = Sandbox()
        #expect(try sandbox.ctl(["member", "add", "ana@example.es", "--name", "Ana", "--locale", "es", "--list", "be", "--create-lists"]).status == 0)
        let data = sandbox.directory.write("n.json", #"{"title": "Carta", "paragraphs": ["Hola"]}"#)
        #expect(try sandbox.ctl(["announce", "newsletter", "--list", "be", "--data", "es=\(data)"]).status == 0)
        let held = try sandbox.ctl(["queue", "hold", "--all", "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(held.stdout.utf8)) as? [String: Any]
        #expect(json?["changed"] as? [Int] == [1])
        #expect(json?["refused"] as? [String] == [])
    }

    @Test(arguments: [["member", "list"], ["event", "list"], ["queue", "list"], ["list", "list"]])
    func emptyListingsPrintTheirHeaderOrAnEmptyArray(_ command: [String]) throws {
        let sandbox = Sandbox()
        let text = try sandbox.ctl(command)
        #expect(text.status == 0 && text.stdout.split(separator: "\n").count == 1)
        #expect(text.stdout.first?.isUppercase == true, "\(text.stdout)")
        let json = try sandbox.ctl(command + ["--json"])
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any])?.isEmpty == true)
    }

    @Test func statusAfterOnceShowsTheLastRun() throws {
        let sandbox = Sandbox()
        let before = try sandbox.ctl(["status"])
        #expect(before.stdout.contains("relaisd:     never started on this database"))
        #expect(try sandbox.ctl(["member", "add", "ana@example.es", "--name", "Ana", "--locale", "es", "--list", "be", "--create-lists"]).status == 0)
        let data = sandbox.directory.write("n.json", #"{"title": "Carta", "paragraphs": ["Hola"]}"#)
        #expect(try sandbox.ctl(["announce", "newsletter", "--list", "be", "--data", "es=\(data)"]).status == 0)
        #expect(try sandbox.runDaemonOnce().status == 0)
        let after = try sandbox.ctl(["status", "--utc"])
        #expect(after.stdout.contains("relaisd:     not running (last ran 20"), "\(after.stdout)")
        #expect(!after.stdout.contains("never started"))
        let json = try JSONSerialization.jsonObject(with: Data(try sandbox.ctl(["status", "--json"]).stdout.utf8)) as? [String: Any]
        #expect((json?["last_run"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func announceAtReadsAndShowsScheduleTimezone() throws {
        let zoned = Sandbox(extraYAML: "schedule:\n  timezone: Europe/Brussels")
        #expect(try zoned.ctl(["member", "add", "ana@example.es", "--name", "Ana", "--locale", "es", "--list", "be", "--create-lists"]).status == 0)
        let data = zoned.directory.write("n.json", #"{"title": "Carta", "paragraphs": ["Hola"]}"#)
        // No --tz: schedule.timezone. 2050-03-27 03:30 Brussels is in summer time (+02:00).
        let local = try zoned.ctl(["announce", "newsletter", "--list", "be", "--data", "es=\(data)", "--at", "2050-03-27T03:30"])
        #expect(local.stdout == "announcement 1: will queue 1 message at Sun 2050-03-27 03:30 +02:00\n", "\(local.stderr)")
        let utc = try zoned.ctl(["announce", "newsletter", "--list", "be", "--data", "es=\(data)", "--at", "2050-03-27T03:30", "--utc"])
        #expect(utc.stdout == "announcement 2: will queue 1 message at 2050-03-27T01:30:00Z\n")
        let status = try zoned.ctl(["status"])
        #expect(status.stdout.contains("announce:    Sun 2050-03-27 03:30 +02:00  newsletter → be"))
        let json = try JSONSerialization.jsonObject(with: Data(try zoned.ctl(["status", "--json"]).stdout.utf8)) as? [String: Any]
        #expect((json?["pending_announcements"] as? [[String: Any]])?.first?["due_at"] as? String == "2050-03-27T01:30:00Z")
        // event add takes schedule.timezone when --tz is not given.
        #expect(try zoned.ctl(["event", "add", "--title", "fr=Atelier", "--start", "2050-03-01T08:30", "--list", "be"]).status == 0)
        let event = try JSONSerialization.jsonObject(with: Data(try zoned.ctl(["event", "show", "1", "--json"]).stdout.utf8)) as? [String: Any]
        #expect(event?["time_zone"] as? String == "Europe/Brussels")

        // Without schedule.timezone: --at needs --tz, and times show in the system's zone ($TZ).
        let plain = Sandbox()
        #expect(try plain.ctl(["member", "add", "ana@example.es", "--name", "Ana", "--locale", "es", "--list", "be", "--create-lists"]).status == 0)
        let data2 = plain.directory.write("n.json", #"{"title": "Carta", "paragraphs": ["Hola"]}"#)
        let missing = try plain.ctl(["announce", "newsletter", "--list", "be", "--data", "es=\(data2)", "--at", "2050-03-27T03:30"])
        #expect(missing.status == 64 && missing.stderr.contains("--at needs --tz"))
        let inLisbon = try plain.ctl(
            ["announce", "newsletter", "--list", "be", "--data", "es=\(data2)", "--at", "2050-03-27T03:30", "--tz", "Europe/Brussels"],
            environment: ["TZ": "America/New_York"])
        #expect(inLisbon.stdout == "announcement 1: will queue 1 message at Sat 2050-03-26 21:30 -04:00\n")
    }
}

import Foundation
import RelaisTestSupport
import Testing

@Suite(.blocking) struct AnnounceTests {
    func sandboxWithMembers() throws -> Sandbox {
        let sandbox = Sandbox()
        let imported = try sandbox.ctl(["member", "import", Repository.path("config/members.sample.csv"), "--create-lists"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return sandbox
    }

    func outbox(_ sandbox: Sandbox) throws -> [String] {
        let folder = sandbox.directory.file("var/outbox")
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }
            .map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    }

    @Test func newsletterGoesToEveryActiveMemberOfTheListOnce() throws {
        let sandbox = try sandboxWithMembers()
        #expect(try sandbox.ctl(["member", "unsubscribe", "sophie.lambert@example.be"]).status == 0)
        let data = sandbox.directory.write("n.json", #"{"title": "Lettre de mars", "paragraphs": ["Un", "Deux"]}"#)
        let announced = try sandbox.ctl(["announce", "newsletter", "--list", "mompreneurs-be", "--data", data, "--fallback", "--json"])
        #expect(announced.status == 0, "\(announced.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(announced.stdout.utf8)) as? [String: Any]
        // Six members are on mompreneurs-be in the sample; one unsubscribed.
        #expect(json?["messages"] as? Int == 5)
        #expect(try sandbox.runDaemonOnce().status == 0)
        #expect(try sandbox.runDaemonOnce().status == 0)
        let messages = try outbox(sandbox)
        #expect(messages.count == 5)
        #expect(messages.allSatisfy { $0.contains("List-Id: \"mompreneurs-be\" <mompreneurs-be.mompreneurs.example>") })
        #expect(!messages.contains { $0.contains("sophie.lambert@example.be") })
    }

    @Test func meetupCancellationCarriesTheOccurrenceAndACancelCalendar() throws {
        let sandbox = try sandboxWithMembers()
        let added = try sandbox.ctl([
            "event", "add", "--title", "fr=Petit-déjeuner", "--title", "en=Breakfast", "--start", "2050-03-01T08:30",
            "--tz", "Europe/Brussels", "--rule", "FREQ=MONTHLY;BYDAY=1TU", "--list", "werein-partners",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try sandbox.ctl(["event", "cancel", id, "--occurrence", "2050-04-05T08:30", "--no-notify"]).status == 0)
        let announced = try sandbox.ctl(["announce", "meetup-cancelled", "--event", id, "--occurrence", "2050-04-05T08:30"])
        #expect(announced.status == 0, "\(announced.stderr)")
        #expect(try sandbox.runDaemonOnce().status == 0)
        let messages = try outbox(sandbox)
        #expect(messages.count == 9)  // the members of werein-partners in the sample
        for message in messages {
            #expect(message.contains("Content-Type: text/calendar"))
            #expect(message.contains("method=CANCEL") || message.contains("method=\"CANCEL\""))
        }
    }

    @Test func badRequestsAreOneLine() throws {
        let sandbox = try sandboxWithMembers()
        let noEvent = try sandbox.ctl(["announce", "meetup-announcement", "--list", "mompreneurs-be"])
        #expect(noEvent.status == 64)
        let unknownList = try sandbox.ctl(["announce", "newsletter", "--list", "nobody"])
        #expect(unknownList.status == 65 && unknownList.stderr == "relaisctl: no list named \"nobody\"\n")
        let unknownTemplate = try sandbox.ctl(["announce", "newsleter", "--list", "mompreneurs-be"])
        #expect(unknownTemplate.status == 65 && unknownTemplate.stderr.contains("unknown template \"newsleter\""))
        let badJSON = sandbox.directory.write("bad.json", "[1, 2")
        let json = try sandbox.ctl(["announce", "newsletter", "--list", "mompreneurs-be", "--data", badJSON])
        #expect(json.status == 65 && json.stderr.split(separator: "\n").count == 1)
        #expect(try sandbox.ctl(["queue", "list", "--json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]")
    }

    @Test func scheduledAnnouncementWaitsForItsTime() throws {
        let sandbox = try sandboxWithMembers()
        let data = sandbox.directory.write("n.json", #"{"title": "Lettre", "paragraphs": ["Un"]}"#)
        let result = try sandbox.ctl([
            "announce", "newsletter", "--list", "mompreneurs-be", "--at", "2050-01-01T09:00", "--tz", "Europe/Brussels", "--data", data, "--fallback", "--utc",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("will queue 6 messages at 2050-01-01T08:00:00Z"))
        #expect(try sandbox.runDaemonOnce().status == 0)
        #expect(try outbox(sandbox).isEmpty)
        let status = try sandbox.ctl(["status", "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let pending = try #require(json?["pending_announcements"] as? [[String: Any]])
        #expect(pending.first?["template"] as? String == "newsletter")
        #expect(pending.first?["id"] as? Int == 1)
        #expect(pending.first?["lists"] as? [String] == ["mompreneurs-be"])
        #expect(pending.first?["due_at"] as? String == "2050-01-01T08:00:00Z")
    }
}

extension AnnounceTests {
    @Test func newsletterInSeveralLanguagesGivesEachMemberHers() throws {
        let sandbox = try sandboxWithMembers()
        let fr = sandbox.directory.write("fr.json", #"{"title": "Lettre de mars", "paragraphs": ["Bonjour à toutes et à tous."]}"#)
        let de = sandbox.directory.write("de.json", #"{"title": "Märzbrief", "paragraphs": ["Hallo zusammen."]}"#)
        // Spanish and English members of werein-partners have no data: refused unless --fallback.
        let refused = try sandbox.ctl(["announce", "newsletter", "--list", "werein-partners", "--data", "fr=\(fr)", "--data", "de=\(de)"])
        #expect(refused.status == 65)
        #expect(refused.stderr == "relaisctl: newsletter has no data in es (3 members), en (1 member): give --data LOCALE=FILE.json for these languages, or --fallback to send these members the whole message in fr\n")
        let result = try sandbox.ctl(["announce", "newsletter", "--list", "werein-partners", "--data", "fr=\(fr)", "--data", "de=\(de)", "--fallback"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try sandbox.runDaemonOnce().status == 0)
        let messages = try outbox(sandbox)
        let german = messages.filter { $0.contains("Content-Language: de") }
        let french = messages.filter { $0.contains("Content-Language: fr") }
        #expect(german.count == 3 && french.count == 6)
        #expect(german.allSatisfy { $0.contains("M=C3=A4rzbrief") || $0.contains("Märzbrief") || $0.contains("=C3=A4rzbrief") })
        #expect(french.allSatisfy { $0.contains("Lettre de mars") })
        // Spanish and English readers get the whole French message, not their template around French data.
        #expect(!messages.contains { $0.contains("Content-Language: es") || $0.contains("Content-Language: en") })
        let mixed = try sandbox.ctl(["announce", "newsletter", "--list", "werein-partners", "--data", fr, "--data", "de=\(de)"])
        #expect(mixed.status == 65)
        let unknown = try sandbox.ctl(["announce", "newsletter", "--list", "werein-partners", "--data", "it=\(fr)"])
        #expect(unknown.status == 65 && unknown.stderr.contains("\"it\""))
    }
}

extension AnnounceTests {
    @Test func linksInTheDataMustBeWebOrMailLinks() throws {
        let sandbox = try sandboxWithMembers()
        let hostile = sandbox.directory.write("h.json", #"{"title": "T", "paragraphs": ["P"], "cta": {"label": "Go", "url": "javascript:alert(1)"}}"#)
        let refused = try sandbox.ctl(["announce", "newsletter", "--list", "mompreneurs-be", "--data", hostile])
        #expect(refused.status == 65)
        #expect(refused.stderr == "relaisctl: \(hostile): cta.url: \"javascript:alert(1)\" is not an http(s) or mailto link\n")
        let fine = sandbox.directory.write("f.json", #"{"title": "T", "paragraphs": ["P"], "cta": {"label": "Go", "url": "https://mompreneurs.example/a"}}"#)
        #expect(try sandbox.ctl(["announce", "newsletter", "--list", "mompreneurs-be", "--data", fine, "--fallback"]).status == 0)
        let preview = try sandbox.ctl(["preview", "newsletter", "--locale", "fr", "--data", "fr=\(hostile)"])
        #expect(preview.status == 65)
        #expect(preview.stderr == "relaisctl: \(hostile): cta.url: \"javascript:alert(1)\" is not an http(s) or mailto link\n")
    }
}

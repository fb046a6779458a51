import Foundation
import RelaisTestSupport
import Testing

/// `relaisctl preview KIND --member …` is byte for byte what relaisd then sends to her, for
/// every kind in every language, given the queue row's Message-ID (and Date, where the row's
/// inputs do not already fix it): the file transport's `.eml` files are the witness.
@Suite(.blocking) struct PreviewAsSentTests {
    static let locales = ["fr", "en", "es", "de"]
    static let titles = ["--title", "fr=Petit-déjeuner", "--title", "en=Breakfast", "--title", "es=Desayuno", "--title", "de=Frühstück"]

    /// One queue row as stored, read by Python's sqlite3.
    struct Row: Decodable {
        var recipient: String
        var template: String
        var source: String
        var messageId: String
        var dueAt: String
    }

    static func rows(_ sandbox: Sandbox) throws -> [Row] {
        let script = """
            import json, sqlite3, sys
            rows = sqlite3.connect(sys.argv[1]).execute("SELECT recipient, template, source, messageId, dueAt FROM queue WHERE state IN ('queued', 'scheduled')")
            print(json.dumps([dict(zip(['recipient', 'template', 'source', 'messageId', 'dueAt'], row)) for row in rows]))
            """
        let result = try ProcessRunner.run("/usr/bin/python3", ["-c", script, sandbox.directory.file("var/relais.sqlite")])
        guard result.status == 0 else { throw HarnessError("reading the queue failed: \(result.stderr)") }
        return try JSONDecoder().decode([Row].self, from: Data(result.stdout.utf8))
    }

    @Test func everyKindInEveryLanguagePreviewsAsItIsSent() throws {
        let sandbox = Sandbox(extraYAML: "web:\n  base_url: https://relais.test")
        var csv = "email,name,locale,lists\n"
        for locale in Self.locales { csv += "\(locale)@example.org,Member \(locale),\(locale),be\n" }
        let imported = try sandbox.ctl(["member", "import", sandbox.directory.write("members.csv", csv), "--create-lists", "--welcome"])
        try #require(imported.status == 0, "\(imported.stderr)")

        // A newsletter with data in every language.
        var data: [String] = []
        for locale in Self.locales {
            let file = sandbox.directory.write("news-\(locale).json", #"{"title": "News \#(locale)", "intro": "Intro \#(locale)", "paragraphs": ["One \#(locale).", "Two."], "cta": {"label": "More", "url": "https://example.org/\#(locale)"}}"#)
            data += ["--data", "\(locale)=\(file)"]
        }
        try #require(try sandbox.ctl(["announce", "newsletter", "--list", "be"] + data).status == 0)

        // A breakfast in two hours: its 3-hour reminder is already due (queued at once), and it is announced.
        let start = Date(timeIntervalSince1970: ((Date().timeIntervalSince1970 + 7_200) / 60).rounded(.down) * 60)
        let local = DaemonReminderTests.local(start, zone: "Europe/Brussels")
        let soon = try sandbox.ctl(["event", "add"] + Self.titles + [
            "--start", local, "--tz", "Europe/Brussels", "--list", "be", "--remind", "3h", "--location", "Rue Haute 1, Bruxelles",
        ])
        try #require(soon.status == 0, "\(soon.stderr)")
        let soonId = soon.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(try sandbox.ctl(["announce", "meetup-announcement", "--event", soonId]).status == 0)

        // A monthly series: one occurrence moved, another cancelled (the notices).
        let series = try sandbox.ctl(["event", "add"] + Self.titles + [
            "--start", "2050-03-01T08:30", "--tz", "Europe/Brussels", "--rule", "FREQ=MONTHLY;BYDAY=1TU", "--list", "be", "--location", "Rue Haute 1",
        ])
        try #require(series.status == 0, "\(series.stderr)")
        let seriesId = series.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(try sandbox.ctl(["event", "move", seriesId, "--occurrence", "2050-03-01T08:30", "--to", "2050-03-03T19:00"]).status == 0)
        try #require(try sandbox.ctl(["event", "cancel", seriesId, "--occurrence", "2050-04-05T08:30"]).status == 0)

        // Preview each queued row's message before the daemon sends it.
        let rows = try Self.rows(sandbox)
        let kinds = Set(rows.map(\.template))
        #expect(kinds == ["welcome", "newsletter", "meetup-reminder", "meetup-announcement", "meetup-changed", "meetup-cancelled"], "\(kinds)")
        var previews: [String: String] = [:]
        for row in rows {
            let due = row.dueAt.replacingOccurrences(of: " ", with: "T") + "Z"
            var arguments = ["preview", row.template, "--member", row.recipient, "--message-id", row.messageId, "--format", "eml"]
            switch row.template {
            case "welcome":
                arguments += ["--date", due]
            case "newsletter":
                arguments += data + ["--date", due]
            case "meetup-announcement":
                arguments += ["--event", soonId, "--date", due]
            case "meetup-reminder":
                // The reminder's Date is its due time: the offset fixes it.
                arguments += ["--event", soonId, "--occurrence", local, "--remind", "3h"]
            default:
                let announcement = try #require(row.source.split(separator: ":").last.map(String.init))
                arguments += ["--announcement", announcement]
            }
            let preview = try sandbox.ctl(arguments)
            #expect(preview.status == 0, "\(arguments): \(preview.stderr)")
            previews[row.messageId] = preview.stdout
        }
        #expect(previews.count == 24)

        #expect(try sandbox.runDaemonOnce().status == 0)
        for row in rows {
            let name = row.messageId.trimmingCharacters(in: CharacterSet(charactersIn: "<>")) + ".eml"
            let sent = try String(contentsOfFile: sandbox.directory.file("var/outbox/" + name), encoding: .utf8)
            #expect(previews[row.messageId] == sent, "\(row.template) to \(row.recipient): the preview differs from what was sent")
            #expect(sent.contains("Content-Language: \(row.recipient.prefix(2))"), "\(row.template) to \(row.recipient)")
        }
    }
}

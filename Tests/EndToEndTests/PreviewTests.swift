import Foundation
import RelaisTestSupport
import Testing

/// `relaisctl preview` and `relaisctl templates`, run as built binaries; messages checked with
/// Python's `email` package (scripts/mime-check.py), the page with headless Chromium.
@Suite struct PreviewTests {
    static let locales = ["fr", "en", "es", "de"]
    static var kinds: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: Repository.path("templates"))) ?? [])
            .filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted()
    }

    /// Runs mime-check.py over `messages` in one process.
    static func mimeCheck(_ messages: [String]) throws -> [[String: Any]] {
        let directory = TemporaryDirectory("relais-preview-check")
        let paths = messages.enumerated().map { index, text in directory.write("\(index).eml", text) }
        let result = try ProcessRunner.python("scripts/mime-check.py", paths + (paths.count == 1 ? paths : []))
        #expect(result.status == 0, "\(result.stderr)")
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        return Array(list.prefix(messages.count))
    }

    @Test func everyTemplatePreviewsInEveryLocaleAsAStrictlyValidMessage() throws {
        let sandbox = Sandbox()
        #expect(Self.kinds.count >= 5)
        var messages: [String] = []
        var labels: [String] = []
        for kind in Self.kinds {
            for locale in Self.locales + ["fr-BE"] {
                let result = try sandbox.ctl(["preview", kind, "--locale", locale, "--format", "eml"])
                #expect(result.status == 0, "\(kind) \(locale): \(result.stderr)")
                messages.append(result.stdout)
                labels.append("\(kind) \(locale)")
            }
        }
        let results = try Self.mimeCheck(messages)
        #expect(results.count == messages.count)
        for (label, result) in zip(labels, results) {
            #expect(result["strict_error"] is NSNull, "\(label): \(result["strict_error"] ?? "")")
            #expect((result["defects"] as? [Any])?.isEmpty == true, "\(label)")
            let raw = result["raw"] as? [String: Any] ?? [:]
            #expect(raw["crlf_only"] as? Bool == true, "\(label)")
            #expect((raw["problems"] as? [Any])?.isEmpty == true, "\(label): \(raw["problems"] ?? "")")
            #expect((raw["max_header_line"] as? Int ?? 99) <= 78, "\(label)")
            #expect((result["max_qp_line"] as? Int ?? 99) <= 76, "\(label)")
            #expect(!((result["subject"] as? String) ?? "").isEmpty, "\(label)")
            let headers = result["headers"] as? [String: [String]] ?? [:]
            #expect(headers["Content-Language"] == [String(label.split(separator: " ")[1].prefix(2))], "\(label)")
            let types = (result["tree"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
            #expect(types.contains("text/plain") && types.contains("text/html"), "\(label)")
            #expect(types.contains("text/calendar") == label.hasPrefix("meetup-"), "\(label)")
        }
    }

    @Test func summaryShowsTheHeadersAndTheTextPart() throws {
        let sandbox = Sandbox()
        let summary = try sandbox.ctl(["preview", "meetup-reminder", "--locale", "es"])
        let text = try sandbox.ctl(["preview", "meetup-reminder", "--locale", "es", "--format", "text"])
        let html = try sandbox.ctl(["preview", "meetup-reminder", "--locale", "es", "--format", "html"])
        #expect(summary.status == 0 && text.status == 0 && html.status == 0)
        for header in ["From:", "To:", "Subject:", "Date:", "Message-ID:", "Content-Language: es"] {
            #expect(summary.stdout.contains(header), "\(header)")
        }
        #expect(summary.stdout.contains(text.stdout.trimmingCharacters(in: .newlines)))
        // The test configuration has no sender.wording: the neutral Spanish greeting.
        #expect(text.stdout.contains("Hola, "))
        #expect(!text.stdout.contains("<p"))
        #expect(html.stdout.contains("<p"))
        #expect(summary.stdout.contains("calendar dtstart: 20260303T083000 (TZID=Europe/Brussels)"))
    }

    @Test func allLocalesWritesOneMessagePerLocaleAndAPageShowingThemAll() throws {
        let sandbox = Sandbox()
        let out = sandbox.directory.file("preview")
        let result = try sandbox.ctl(["preview", "meetup-reminder", "--all-locales", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["de.eml", "en.eml", "es.eml", "fr.eml", "index.html"])
        // Each file is exactly what `--format eml` prints for that locale.
        for locale in Self.locales {
            let single = try sandbox.ctl(["preview", "meetup-reminder", "--locale", locale, "--format", "eml"])
            #expect(FileManager.default.contents(atPath: "\(out)/\(locale).eml") == Data(single.stdout.utf8), "\(locale)")
        }
        let page = try String(contentsOfFile: "\(out)/index.html", encoding: .utf8)
        #expect(page.contains("<iframe sandbox=\"\""))
        #expect(!page.contains("<script"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
    func previewPageShowsAllFourLanguagesInChromium() throws {
        let sandbox = Sandbox()
        let out = sandbox.directory.file("page")
        let result = try sandbox.ctl(["preview", "meetup-cancelled", "--all-locales", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        // The subjects as a mail reader decodes them from the .eml files.
        let checks = try Self.mimeCheck(try Self.locales.map { try String(contentsOfFile: "\(out)/\($0).eml", encoding: .utf8) })
        let subjects = checks.compactMap { $0["subject"] as? String }
        #expect(subjects.count == 4)
        #expect(Set(subjects).count == 4)
        let profile = TemporaryDirectory("relais-chromium")
        let chromium = try ProcessRunner.run("/usr/bin/chromium", [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
            "--dump-dom", URL(fileURLWithPath: "\(out)/index.html").absoluteString,
        ])
        #expect(chromium.status == 0, "\(chromium.stderr)")
        let dom = chromium.stdout
        #expect(dom.contains("<iframe"))
        for subject in subjects {
            let serialized = subject.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\u{00A0}", with: "&nbsp;")
            #expect(dom.contains("<p class=\"subject\">\(serialized)</p>"), "subject \(subject) not on the page")
        }
        for locale in Self.locales {
            #expect(dom.contains("id=\"locale-\(locale)\""), "\(locale)")
        }
    }

    @Test func badInputFailsWithOneLineAndExit65() throws {
        let sandbox = Sandbox()
        let badJSON = sandbox.directory.write("bad.json", "{\"title\": ")
        let list = sandbox.directory.write("list.json", "[1, 2]")
        let cases: [([String], String)] = [
            (["preview", "meetup-remindr", "--locale", "fr"], "meetup-reminder"),
            (["preview", "welcome", "--locale", "nl"], "nl"),
            (["preview", "welcome", "--member", "nobody@example.org"], "nobody@example.org"),
            (["preview", "newsletter", "--locale", "en", "--data", badJSON], "bad.json"),
            (["preview", "newsletter", "--locale", "en", "--data", list], "list.json"),
            (["preview", "meetup-reminder", "--locale", "en", "--event", "999"], "999"),
        ]
        for (arguments, named) in cases {
            let result = try sandbox.ctl(arguments)
            #expect(result.status == 65, "\(arguments): \(result.status) \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(named), "\(arguments): \(result.stderr)")
        }
        let missing = try sandbox.ctl(["preview", "newsletter", "--locale", "en", "--data", sandbox.directory.file("none.json")])
        #expect(missing.status == 66)
    }

    @Test func aRealMemberAndEventAreUsed() throws {
        let sandbox = Sandbox(extraYAML: "  unsubscribe_url: https://mompreneurs.example/u/{token}")
        let member = try sandbox.ctl(["member", "add", "zoe@example.org", "--name", "Zoë <b>Dupont</b>", "--locale", "de-AT", "--list", "be", "--create-lists"])
        #expect(member.status == 0, "\(member.stderr)")
        let added = try sandbox.ctl([
            "event", "add", "--title", "fr=Apéro des membres", "--title", "de=Mitglieder-Umtrunk", "--start", "2050-03-01T18:30",
            "--tz", "America/New_York", "--duration", "2h", "--list", "be",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let eml = try sandbox.ctl(["preview", "meetup-reminder", "--member", "zoe@example.org", "--event", id, "--format", "eml"])
        #expect(eml.status == 0, "\(eml.stderr)")
        let check = try #require(try Self.mimeCheck([eml.stdout]).first)
        #expect(check["strict_error"] is NSNull)
        let to = (check["to"] as? [[String: Any]])?.first
        #expect(to?["display_name"] as? String == "Zoë <b>Dupont</b>")
        #expect(to?["addr_spec"] as? String == "zoe@example.org")
        #expect((check["subject"] as? String)?.contains("Mitglieder-Umtrunk") == true)
        let bodies = check["bodies"] as? [String: String] ?? [:]
        #expect(bodies["html"]?.contains("<b>Dupont") == false)
        // 18:30 in New York on 1 March 2050 (EST, UTC-5) is 23:30 UTC.
        let calendar = try #require(bodies["calendar"])
        let ics = try ProcessRunner.python("scripts/ics-check.py", input: Data(calendar.utf8))
        let parsed = try JSONSerialization.jsonObject(with: Data(ics.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((parsed["dtstart"] as? [String: Any])?["icalendar"] as? String == "2050-03-01T23:30:00Z")
        #expect(parsed["summary"] as? String == "Mitglieder-Umtrunk")
        // A reminder goes to her because of a list: List-Unsubscribe (her own link), as the daemon sends it.
        #expect((check["headers"] as? [String: [String]])?["List-Unsubscribe"]?.first?.contains("/u/") == true)
        let newsletter = try sandbox.ctl(["preview", "newsletter", "--member", "zoe@example.org", "--format", "eml"])
        let news = try #require(try Self.mimeCheck([newsletter.stdout]).first)
        let unsubscribe = ((news["headers"] as? [String: [String]])?["List-Unsubscribe"]?.first ?? "").trimmingCharacters(in: .whitespaces)
        #expect(unsubscribe.hasPrefix("<https://mompreneurs.example/u/"))
        #expect(unsubscribe.count > "<https://mompreneurs.example/u/>".count + 8)
        // Her name is text on the preview page too, never markup.
        let out = sandbox.directory.file("page")
        let page = try sandbox.ctl(["preview", "welcome", "--member", "zoe@example.org", "--all-locales", "--out", out])
        #expect(page.status == 0, "\(page.stderr)")
        let html = try String(contentsOfFile: "\(out)/index.html", encoding: .utf8)
        #expect(html.contains("Zoë &lt;b&gt;Dupont"))
        #expect(!html.contains("<b>Dupont"))
    }
}

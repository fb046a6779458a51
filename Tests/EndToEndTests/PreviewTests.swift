import Foundation
import RelaisTestSupport
import Testing

/// `relaisctl preview` and `relaisctl templates`, run as built binaries; messages checked with
/// Python's `email` package (scripts/mime-check.py), the page with headless Chromium.
@Suite(.blocking) struct PreviewTests {
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
        #expect(summary.stdout.contains("calendar dtstart: Tue 2026-03-03 08:30 +01:00 (Europe/Brussels)"), "\(summary.stdout)")
    }

    @Test func allLocalesWritesOneMessagePerLocaleAndAPageShowingThemAll() throws {
        let sandbox = Sandbox()
        let out = sandbox.directory.file("preview")
        let result = try sandbox.ctl(["preview", "meetup-reminder", "--all-locales", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["de.eml", "de.ics", "en.eml", "en.ics", "es.eml", "es.ics", "fr.eml", "fr.ics", "index.html"])
        // Each file is exactly what `--format eml` prints for that locale.
        for locale in Self.locales {
            let single = try sandbox.ctl(["preview", "meetup-reminder", "--locale", locale, "--format", "eml"])
            #expect(FileManager.default.contents(atPath: "\(out)/\(locale).eml") == Data(single.stdout.utf8), "\(locale)")
        }
        let page = try String(contentsOfFile: "\(out)/index.html", encoding: .utf8)
        // The HTML parts inline in shadow roots, under a policy that allows no script at all.
        #expect(page.contains("<template shadowrootmode=\"open\">"))
        #expect(page.contains("content=\"default-src 'none'; style-src 'unsafe-inline'"))
        #expect(!page.contains("<script") && !page.contains("<iframe"))
        // The calendar in words, with a link to each language's .ics (the calendar part as sent).
        #expect(page.contains("<a href=\"fr.ics\">fr.ics</a>"))
        #expect(!page.contains("20260303T083000"))
        let ics = try String(contentsOfFile: "\(out)/fr.ics", encoding: .utf8)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.contains("DTSTART;TZID=Europe/Brussels:20260303T083000"))
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
        for subject in subjects {
            let serialized = subject.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\u{00A0}", with: "&nbsp;")
            #expect(dom.contains("<p class=\"subject\">\(serialized)</p>"), "subject \(subject) not on the page")
        }
        for locale in Self.locales {
            #expect(dom.contains("id=\"locale-\(locale)\""), "\(locale)")
        }
    }

    /// What the probe in ``layout(of:width:)`` measured in the preview page.
    struct Layout: Decodable {
        struct Column: Decodable {
            var id: String
            var left, right, top, part: Double
            var shadowText: Int
            var when: String?
            var text: String
        }

        var scrollWidth, clientWidth: Double
        var boxes: [String]
        var columns: [Column]
    }

    /// Loads `page` in headless Chromium in a frame `width` pixels wide (Chromium's own window is
    /// at least 500 px) and measures it from the enclosing page, once the frame has loaded: the
    /// page itself runs no script and its policy would refuse one. Elements inside the shadow
    /// roots count; a scroll box is any element that scrolls its own content, or any frame.
    static func layout(of page: String, width: Int) throws -> Layout {
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let probe = """
            function measure() {
              const frame = document.getElementById('page'), doc = frame.contentDocument, win = frame.contentWindow;
              const boxes = [];
              const walk = (node) => {
                for (const el of node.querySelectorAll('*')) {
                  const style = win.getComputedStyle(el);
                  const scrollsY = /auto|scroll/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
                  const scrollsX = /auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
                  if (scrollsX || scrollsY || /^(IFRAME|FRAME|OBJECT|EMBED)$/.test(el.tagName)) boxes.push(el.tagName + '.' + el.className);
                  if (el.shadowRoot) walk(el.shadowRoot);
                }
              };
              walk(doc);
              const columns = [...doc.querySelectorAll('section.locale')].map((section) => {
                const box = section.getBoundingClientRect(), part = section.querySelector('.html-part'), when = section.querySelector('.when');
                return { id: section.id, left: box.left, right: box.right, top: box.top,
                         part: part ? part.getBoundingClientRect().height : 0,
                         shadowText: part && part.shadowRoot ? part.shadowRoot.textContent.trim().length : 0,
                         when: when ? when.textContent : null, text: section.innerText };
              });
              const root = doc.documentElement;
              document.body.setAttribute('data-probe', encodeURIComponent(JSON.stringify({ scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, boxes, columns })));
            }
            """
        let frame = html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        let wrapper = (page as NSString).deletingLastPathComponent + "/probe-\(width).html"
        try """
            <!DOCTYPE html><html><body style="margin:0"><script>\(probe)</script>
            <iframe id="page" onload="measure()" width="\(width)" height="1000" style="border:0" srcdoc="\(frame)"></iframe></body></html>
            """.write(toFile: wrapper, atomically: false, encoding: .utf8)
        let profile = TemporaryDirectory("relais-chromium")
        let chromium = try ProcessRunner.run("/usr/bin/chromium", [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)", "--window-size=1500,1100",
            "--dump-dom", URL(fileURLWithPath: wrapper).absoluteString,
        ])
        let encoded = chromium.stdout.components(separatedBy: "data-probe=\"").dropFirst().first?.prefix { $0 != "\"" } ?? ""
        guard let json = String(encoded).removingPercentEncoding else { throw HarnessError("no probe in Chromium's DOM: \(chromium.stderr)") }
        return try JSONDecoder().decode(Layout.self, from: Data(json.utf8))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
    func previewPageFits1400And375PixelsWithEveryLanguageVisibleAndNoScrollBox() throws {
        let sandbox = Sandbox()
        let out = sandbox.directory.file("page")
        let result = try sandbox.ctl(["preview", "meetup-reminder", "--all-locales", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        var wide: Layout?
        for width in [1400, 375] {
            let layout = try Self.layout(of: "\(out)/index.html", width: width)
            if width == 1400 { wide = layout }
            #expect(layout.clientWidth > Double(width) - 20 && layout.clientWidth <= Double(width), "\(width): \(layout.clientWidth)")
            #expect(layout.scrollWidth <= layout.clientWidth, "\(width) px scrolls sideways: \(layout.scrollWidth) > \(layout.clientWidth)")
            #expect(layout.boxes.isEmpty, "\(width) px has scroll boxes: \(layout.boxes)")
            #expect(layout.columns.map(\.id) == Self.locales.map { "locale-\($0)" })
            for column in layout.columns {
                #expect(column.left >= 0 && column.right <= layout.clientWidth, "\(width) px: \(column.id) is cut off (\(column.left)–\(column.right))")
                // The HTML part at its full height, inline.
                #expect(column.part > 300 && column.shadowText > 100, "\(width) px: \(column.id)'s HTML part: \(column.part) px, \(column.shadowText) characters")
                // The calendar as local times in words, never as iCalendar's raw values.
                #expect(column.text.range(of: "[0-9]{8}T[0-9]{6}", options: .regularExpression) == nil, "\(column.id): \(column.text)")
                #expect(column.when?.contains("2026") == true && column.when?.contains(":30") == true
                        && column.when?.contains("(Europe/Brussels)") == true, "\(column.id): \(column.when ?? "no when")")
            }
            let tops = layout.columns.map(\.top)
            if width == 1400 {
                #expect(Set(tops.map { Int($0.rounded()) }).count == 1, "1400 px: not one row of four columns: \(tops)")
            } else {
                #expect(zip(tops, tops.dropFirst()).allSatisfy { $0 < $1 }, "375 px: columns not stacked: \(tops)")
            }
        }
        // Each language writes the date its own way.
        let french = wide?.columns.first { $0.id == "locale-fr" }
        #expect(french?.when?.contains("mars 2026") == true, "\(french?.when ?? "")")
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

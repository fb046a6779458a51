import Foundation
import RelaisTestSupport
import Testing

/// The members' pages through relaisd: RSVP and preferences over HTTP, the body limit, and the
/// pages in all four languages in headless Chromium at 375 px.
@Suite(.blocking, .serialized) struct WebPagesTests {
    /// Adds a breakfast tomorrow on list `breakfast`, announces it, delivers to the outbox; returns
    /// the event id and Ana's RSVP link (on the public base) from her message.
    static func announceBreakfast(_ sandbox: Sandbox) throws -> (Int, String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Brussels")!
        let day = calendar.dateComponents([.year, .month, .day], from: Date().addingTimeInterval(2 * 86_400))
        let start = String(format: "%04d-%02d-%02dT08:30", day.year!, day.month!, day.day!)
        let added = try sandbox.ctl([
            "event", "add", "--title", "es=Desayuno", "--title", "fr=Petit-déjeuner", "--title", "en=Breakfast", "--title", "de=Frühstück",
            "--start", start, "--tz", "Europe/Brussels", "--list", "breakfast",
        ])
        guard added.status == 0, let id = Int(added.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").last ?? "")
        else { throw HarnessError("event add failed: \(added.stdout) \(added.stderr)") }
        let announced = try sandbox.ctl(["announce", "meetup-announcement", "--event", String(id)])
        guard announced.status == 0 else { throw HarnessError("announce failed: \(announced.stderr)") }
        guard try sandbox.runDaemonOnce().status == 0 else { throw HarnessError("relaisd --once failed") }
        let message = try #require(try WebEndpointTests.messages(sandbox, to: "ana@example.org").first)
        let text = String(decoding: message, as: UTF8.self).replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=3D", with: "=")
        let prefix = WebEndpointTests.base + "/r/"
        guard let range = text.range(of: prefix) else { throw HarnessError("no RSVP link in Ana's message") }
        let link = text[range.lowerBound...].prefix { !$0.isWhitespace && $0 != "?" && $0 != "\"" && $0 != "<" }
        return (id, String(link))
    }

    @Test func anRSVPIsRecordedByPostOnlyAndListedByEventAttendees() throws {
        let sandbox = try WebEndpointTests.sandbox()
        let (event, link) = try Self.announceBreakfast(sandbox)
        let (daemon, address) = try WebEndpointTests.start(sandbox)
        defer { _ = DaemonHarness.stop(daemon, signal: SIGTERM) }
        let url = address + link.dropFirst(WebEndpointTests.base.count)

        let page = try WebClient.request("GET", url + "?answer=no")
        #expect(page.status == 200)
        #expect(page.body.contains("Desayuno"))
        #expect(page.body.contains("name=\"answer\" value=\"no\""))
        let none = try sandbox.ctl(["event", "attendees", String(event), "--json"])
        #expect((try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [Any])?.isEmpty == true, "\(none.stdout)")

        #expect(try WebClient.request("POST", url, body: "answer=no").status == 200)
        let listed = try sandbox.ctl(["event", "attendees", String(event), "--json"])
        let answers = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(answers.count == 1)
        #expect(answers.first?["email"] as? String == "ana@example.org")
        #expect(answers.first?["answer"] as? String == "no")

        // status counts the answers of the next occurrences, as numbers in JSON.
        let status = try sandbox.ctl(["status", "--json"])
        let report = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any] ?? [:]
        let occurrences = report["occurrences"] as? [[String: Any]] ?? []
        let breakfast = try #require(occurrences.first { ($0["event_id"] as? Int) == event }, "\(status.stdout)")
        #expect(breakfast["yes"] as? Int == 0)
        #expect(breakfast["no"] as? Int == 1)
        #expect(breakfast["no"] is NSNumber && !(breakfast["no"] is String))
        #expect((breakfast["occurrence"] as? String)?.hasSuffix("T08:30:00") == true)
        let text = try sandbox.ctl(["status"])
        #expect(text.stdout.contains("(event \(event)): 0 coming, 1 not coming"), "\(text.stdout)")
        #expect(try WebClient.request("POST", url, body: "answer=maybe").status == 400)
        #expect(try WebClient.request("POST", url, body: "answer=" + String(repeating: "x", count: 20_000)).status == 413)
    }

    @Test func preferencesChangeLanguageAndListsAndMemberShowSaysSo() throws {
        let sandbox = try WebEndpointTests.sandbox()
        let (_, link) = try Self.announceBreakfast(sandbox)
        let (daemon, address) = try WebEndpointTests.start(sandbox)
        defer { _ = DaemonHarness.stop(daemon, signal: SIGTERM) }
        let key = link.dropFirst((WebEndpointTests.base + "/r/").count).prefix { $0 != "/" }
        let url = address + "/p/" + key
        let page = try WebClient.request("GET", url)
        #expect(page.status == 200)
        // The breakfast list's checkbox carries its id: keep that one only, and switch to German.
        let marker = "name=\"list\" value=\""
        let ids = page.body.components(separatedBy: marker).dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(ids.count == 2)
        let breakfastFirst = try #require(page.body.range(of: "breakfast")).lowerBound < (try #require(page.body.range(of: "news")).lowerBound)
        let keep = try #require(breakfastFirst ? ids.first : ids.last)
        let saved = try WebClient.request("POST", url, body: "locale=de&list=\(keep)&action=save")
        #expect(saved.status == 200)
        #expect(saved.body.contains("<html lang=\"de\""))
        let member = try WebEndpointTests.member(sandbox, "ana@example.org")
        #expect(member["locale"] as? String == "de")
        #expect(member["lists"] as? [String] == ["breakfast"])
        let show = try sandbox.ctl(["member", "show", "ana@example.org"])
        #expect(show.stdout.contains("language es → de  (web)"), "\(show.stdout)")
        #expect(show.stdout.contains("left-list news  (web)"), "\(show.stdout)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")))
    func thePagesFit375PixelsInEveryLanguage() throws {
        let sandbox = try WebEndpointTests.sandbox()
        let (_, link) = try Self.announceBreakfast(sandbox)
        let (daemon, address) = try WebEndpointTests.start(sandbox)
        defer { _ = DaemonHarness.stop(daemon, signal: SIGTERM) }
        let key = String(link.dropFirst((WebEndpointTests.base + "/r/").count).prefix { $0 != "/" })
        let stylesheet = try WebClient.request("GET", address + "/static/relais.css").body
        let profile = TemporaryDirectory("relais-chromium")
        for locale in ["fr", "en", "es", "de"] {
            let saved = try WebClient.request("POST", address + "/p/" + key, body: "locale=\(locale)&list=1&list=2&action=save")
            #expect(saved.status == 200)
            for path in ["/u/\(key)/1", "/p/\(key)", String(link.dropFirst(WebEndpointTests.base.count))] {
                let page = try WebClient.request("GET", address + path)
                #expect(page.status == 200, "\(locale) \(path)")
                #expect(page.body.contains("<html lang=\"\(locale)\""), "\(locale) \(path)")
                // The same markup and stylesheet in a 375 px frame of a local page (Chromium's
                // window is at least 500 px wide), with a probe that writes the frame's scroll width
                // and the amount of text into the DOM (the served pages themselves run no script).
                let probe = "<script>parent.document.body.setAttribute('data-width', document.documentElement.scrollWidth + 'x' + window.innerWidth + 'x' + document.body.innerText.trim().length)</script>"
                let html = page.body
                    .replacingOccurrences(of: "<link rel=\"stylesheet\" href=\"\(WebEndpointTests.base)/static/relais.css\">", with: "<style>\(stylesheet)</style>")
                    .replacingOccurrences(of: "</body>", with: probe + "</body>")
                let frame = html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
                let file = sandbox.directory.write(
                    "page-\(locale).html", "<!DOCTYPE html><html><body><iframe width=\"375\" height=\"800\" style=\"border:0\" srcdoc=\"\(frame)\"></iframe></body></html>")
                let chromium = try ProcessRunner.run("/usr/bin/chromium", [
                    "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)", "--window-size=500,900",
                    "--dump-dom", URL(fileURLWithPath: file).absoluteString,
                ])
                #expect(chromium.status == 0, "\(chromium.stderr)")
                let width = String(chromium.stdout.components(separatedBy: "data-width=\"").dropFirst().first?.prefix { $0 != "\"" } ?? "")
                let parts = width.split(separator: "x").compactMap { Int($0) }
                #expect(parts.count == 3, "\(locale) \(path): \(width)")
                #expect(parts.count == 3 && parts[1] == 375, "\(locale) \(path): the frame is \(width)")
                #expect((parts.first ?? 999) <= 375, "\(locale) \(path) scrolls sideways at 375 px: \(width)")
                #expect((parts.last ?? 0) > 40, "\(locale) \(path) looks blank")
            }
        }
    }
}

import Foundation
import MIME
@testable import Relais
import RelaisTestSupport
import Templates
import Testing

/// The composer's output checked by independent parsers: Python's `email` package under
/// `policy.strict` (scripts/mime-check.py) and the `icalendar` package (scripts/ics-check.py).
@Suite struct ComposerTests {
    @Test func everyTemplateInEveryLocaleParsesStrictly() throws {
        let composer = try ComposerFixture.composer()
        var requests: [CompositionRequest] = []
        for kind in ComposerFixture.kinds {
            for (index, locale) in ComposerFixture.locales.enumerated() {
                requests.append(ComposerFixture.request(kind, locale: locale, index: index))
            }
        }
        let composed = try requests.map { try composer.compose($0) }
        let results = try Oracle.run("scripts/mime-check.py", composed.map(\.bytes))
        #expect(results.count == requests.count)
        for ((request, message), result) in zip(zip(requests, composed), results) {
            let label = "\(request.template) \(request.locale)"
            #expect(result["strict_error"] is NSNull, "\(label): \(result["strict_error"] ?? "")")
            #expect((result["defects"] as? [Any])?.isEmpty == true, "\(label)")
            #expect(result[path: "raw", "crlf_only"] as? Bool == true, "\(label)")
            #expect((result[path: "raw", "problems"] as? [Any])?.isEmpty == true, "\(label): \(result[path: "raw", "problems"] ?? "")")
            #expect((result[path: "raw", "max_header_line"] as? Int ?? 99) <= 78, "\(label)")
            #expect((result["max_qp_line"] as? Int ?? 99) <= 76, "\(label)")
            #expect(result["subject"] as? String == message.subject, "\(label)")
            #expect(result["subject_legacy"] as? String == message.subject, "\(label)")
            #expect(!message.subject.isEmpty, "\(label)")
            let to = (result["to"] as? [[String: Any]])?.first
            #expect(to?["display_name"] as? String == request.recipientName, "\(label)")
            #expect(to?["addr_spec"] as? String == request.recipientEmail, "\(label)")
            #expect(result["to_legacy_name"] as? String == request.recipientName, "\(label)")
            #expect((result["from"] as? [[String: Any]])?.first?["display_name"] as? String == ComposerFixture.sender.fromName)
            #expect((result["reply_to"] as? [[String: Any]])?.first?["addr_spec"] as? String == "coordination@mompreneurs.example")

            // Bodies decode to exactly what the templates rendered; HTML comes after the text part.
            let bodies = result["bodies"] as? [String: String] ?? [:]
            #expect(bodies["text"]?.replacingOccurrences(of: "\r\n", with: "\n") == message.rendered.text, "\(label)")
            #expect(bodies["html"]?.replacingOccurrences(of: "\r\n", with: "\n") == message.rendered.html, "\(label)")
            let types = (result["tree"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String }
            let plain = try #require(types.firstIndex(of: "text/plain"), "\(label)")
            let html = try #require(types.firstIndex(of: "text/html"), "\(label)")
            #expect(plain < html, "\(label)")

            let headers = result["headers"] as? [String: [String]] ?? [:]
            #expect(headers["Message-ID"] == [request.messageId])
            #expect(headers["Content-Language"] == [message.locale])
            #expect(message.locale == String(request.locale.prefix(2)))
            // List headers follow the kind's manifest: everything but the welcome is sent because of a list.
            let listHeaders = request.template != "welcome"
            #expect((headers["List-Id"]?.first?.hasSuffix("<petits-dejeuners-bruxelles.mompreneurs.example>") == true) == listHeaders, "\(label)")
            if listHeaders {
                #expect(headers["List-Unsubscribe"] == ["<https://mompreneurs.example/desinscription/\(request.unsubscribeToken!)>"], "\(label)")
                #expect(headers["List-Unsubscribe-Post"] == ["List-Unsubscribe=One-Click"], "\(label)")
            } else {
                #expect(headers["List-Unsubscribe"] == nil, "\(label)")
                #expect(headers["List-Unsubscribe-Post"] == nil, "\(label)")
            }
            if request.template.hasPrefix("meetup-") {
                #expect(types == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar", "application/ics"], "\(label)")
                #expect(bodies["calendar"]?.replacingOccurrences(of: "\r\n", with: "\n") == message.calendar?.replacingOccurrences(of: "\r\n", with: "\n"))
                #expect(bodies["attachment"] == bodies["calendar"])
            } else {
                #expect(types == ["multipart/alternative", "text/plain", "text/html"], "\(label)")
                #expect(message.calendar == nil)
            }
        }
    }

    @Test func calendarLandsOnTheRightInstantInTheReadersLanguage() throws {
        let composer = try ComposerFixture.composer()
        // Brussels in winter and in summer, New York the day after its spring change, Tokyo (no DST).
        let cases: [(zone: String, start: Date)] = [
            ("Europe/Brussels", Date(timeIntervalSince1970: 1_772_523_000)),  // 2026-03-03 07:30Z
            ("Europe/Brussels", Date(timeIntervalSince1970: 1_782_977_400)),  // 2026-07-02 07:30Z
            ("America/New_York", Date(timeIntervalSince1970: 1_773_075_600)),  // 2026-03-09 17:00Z
            ("Asia/Tokyo", Date(timeIntervalSince1970: 1_772_523_000)),
        ]
        var requests: [CompositionRequest] = []
        for (index, item) in cases.enumerated() {
            for locale in ComposerFixture.locales {
                let event = ComposerFixture.event(start: item.start, zone: item.zone)
                requests.append(ComposerFixture.request("meetup-reminder", locale: locale, index: index, event: event))
            }
            requests.append(ComposerFixture.request("meetup-cancelled", locale: "de-DE", index: index, event: ComposerFixture.event(start: item.start, zone: item.zone)))
        }
        let composed = try requests.map { try composer.compose($0) }
        let calendars = try composed.map { Array(try #require($0.calendar).utf8) }
        let results = try Oracle.run("scripts/ics-check.py", calendars)
        let titles = ComposerFixture.event().titles
        for (request, result) in zip(requests, results) {
            let event = try #require(request.event)
            let label = "\(request.template) \(request.locale) \(event.timeZone.identifier)"
            #expect(result[path: "raw", "crlf_only"] as? Bool == true, "\(label)")
            #expect((result[path: "raw", "max_line_octets"] as? Int ?? 99) <= 75, "\(label)")
            #expect((result[path: "raw", "problems"] as? [Any])?.isEmpty == true, "\(label)")
            #expect(result[path: "dtstart", "icalendar"] as? String == isoUTC(event.start), "\(label)")
            #expect(result[path: "dtstart", "vtimezone"] as? String == isoUTC(event.start), "\(label)")
            #expect(result[path: "dtend", "icalendar"] as? String == isoUTC(event.end), "\(label)")
            #expect(result[path: "dtstart", "tzid"] as? String == event.timeZone.identifier, "\(label)")
            #expect(result["vtimezone_mismatch_count"] as? Int == 0, "\(label)")
            #expect(result["summary"] as? String == titles[String(request.locale.prefix(2))], "\(label)")
            #expect(result["uid"] as? String == event.uid)
            #expect(result["sequence"] as? Int == event.sequence)
            #expect((result["organizer"] as? String)?.lowercased() == "mailto:bonjour@mompreneurs.example")
            #expect(result["organizer_cn"] as? String == ComposerFixture.sender.fromName)
            #expect(result["method"] as? String == (request.template == "meetup-cancelled" ? "CANCEL" : "PUBLISH"), "\(label)")
        }
        // Descriptions: French and English exist; Spanish and German readers get the default (French).
        #expect(results[0]["description"] as? String == "Café, croissants; présentations (5 min)")
        #expect(results[1]["description"] as? String == "Coffee, croissants; introductions")
        #expect(results[2]["description"] as? String == "Café, croissants; présentations (5 min)")
    }

    @Test func hostileNamesCannotAddMarkupOrHeaders() throws {
        let composer = try ComposerFixture.composer()
        let names = ["Eve <script>alert(1)</script>", "Bob\r\nBcc: x@y", "Mallory\nX-Injected: yes", "Zoë \"the boss\" <b>O'Brien</b>"]
        var requests: [CompositionRequest] = []
        for (index, name) in names.enumerated() {
            for kind in ["meetup-reminder", "newsletter", "welcome"] {
                var request = ComposerFixture.request(kind, locale: ComposerFixture.locales[index], name: name, index: index)
                // A hostile event title and newsletter title too.
                request.data["title"] = .string("Title\r\nBcc: z@z <img src=x onerror=alert(2)>")
                request.event?.titles = ["fr": "Brunch\r\nBcc: w@w <script>x</script>"]
                requests.append(request)
            }
        }
        let composed = try requests.map { try composer.compose($0) }
        let results = try Oracle.run("scripts/mime-check.py", composed.map(\.bytes))
        for ((request, message), result) in zip(zip(requests, composed), results) {
            let label = "\(request.template) \(request.recipientName.debugDescription)"
            let names = (result["header_names"] as? [String] ?? []).map { $0.lowercased() }
            #expect(!names.contains("bcc"), "\(label)")
            #expect(!names.contains("x-injected"), "\(label)")
            #expect(result["strict_error"] is NSNull, "\(label)")
            #expect(result[path: "raw", "crlf_only"] as? Bool == true, "\(label)")
            let raw = String(decoding: message.bytes, as: UTF8.self)
            let head = String(raw[..<(raw.range(of: "\r\n\r\n")?.lowerBound ?? raw.endIndex)])
            #expect(!head.contains("\r\nBcc:"), "\(label)")
            #expect(!head.contains("\r\nX-Injected:"), "\(label)")
            // The display name survives, line breaks as spaces.
            let expected = request.recipientName.replacingOccurrences(of: "\r\n", with: "  ").replacingOccurrences(of: "\n", with: " ")
            let shown = (result["to"] as? [[String: Any]])?.first?["display_name"] as? String
            #expect(shown?.replacingOccurrences(of: "  ", with: " ") == expected.replacingOccurrences(of: "  ", with: " "), "\(label)")
            let html = (result["bodies"] as? [String: String])?["html"] ?? ""
            #expect(!html.contains("<script>"), "\(label)")
            #expect(!html.contains("<img"), "\(label)")
            #expect(!html.contains("<b>O"), "\(label)")
            if request.recipientName.hasPrefix("Eve") { #expect(html.contains("Eve &lt;script&gt;"), "\(label)") }
            if let calendar = message.calendar {
                #expect(!calendar.contains("\r\nBcc"), "\(label)")
            }
        }
    }

    @Test func sameRequestGivesTheSameBytes() throws {
        let first = try ComposerFixture.composer()
        let second = try ComposerFixture.composer()
        for kind in ComposerFixture.kinds {
            let request = ComposerFixture.request(kind, locale: "es-ES", index: 42)
            let a = try first.compose(request)
            let b = try first.compose(request)
            let c = try second.compose(request)
            #expect(a.bytes == b.bytes, "\(kind)")
            #expect(a.bytes == c.bytes, "\(kind)")
            var other = request
            other.messageId = "<row-43.\(kind)@mompreneurs.example>"
            #expect(try first.compose(other).bytes != a.bytes, "\(kind)")
        }
    }

    @Test func subjectsAndNamesOfManyLengthsAndAccentsDecodeToTheOriginals() throws {
        let composer = try ComposerFixture.composer()
        let pieces = ["a", "é", "Ñ", "ß", "ü", "œ", " ", "€", "🎉", "中", "'", "\"", "=?", "?=", "_", "Ĳ"]
        var requests: [CompositionRequest] = []
        for length in stride(from: 1, through: 90, by: 3) {
            var name = ""
            var title = ""
            for index in 0..<length {
                name += pieces[(index * 7 + length) % pieces.count]
                title += pieces[(index * 5 + length * 3) % pieces.count]
            }
            name = name.trimmingCharacters(in: .whitespaces).isEmpty ? "x" : "M" + name + "z"
            var request = ComposerFixture.request("newsletter", locale: ComposerFixture.locales[length % 4], name: name, index: length)
            request.data["title"] = .string("T" + title + "e")
            requests.append(request)
        }
        let composed = try requests.map { try composer.compose($0) }
        let results = try Oracle.run("scripts/mime-check.py", composed.map(\.bytes))
        for ((request, message), result) in zip(zip(requests, composed), results) {
            let title: String? = if case .string(let text) = request.data["title"] { text } else { nil }
            let label = "\(request.recipientName.debugDescription) / \(title.debugDescription)"
            #expect(result["strict_error"] is NSNull, "\(label)")
            #expect((result[path: "raw", "problems"] as? [Any])?.isEmpty == true, "\(label): \(result[path: "raw", "problems"] ?? "")")
            #expect((result[path: "raw", "max_header_line"] as? Int ?? 99) <= 78, "\(label)")
            #expect(message.subject == title)
            #expect(result["subject"] as? String == title, "\(label)")
            #expect(result["subject_legacy"] as? String == title, "\(label)")
            #expect(result["to_legacy_name"] as? String == request.recipientName, "\(label)")
            // Python's header registry keeps the folding space between two encoded words of a
            // phrase (RFC 2047 §6.2 drops it): compare its reading without spaces.
            let modern = (result["to"] as? [[String: Any]])?.first?["display_name"] as? String
            #expect(modern?.filter { $0 != " " } == request.recipientName.filter { $0 != " " }, "\(label)")
        }
    }
}

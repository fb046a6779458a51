import Foundation
import RelaisTestSupport
import Testing
@testable import ICalendar

/// TEXT escaping, parameter quoting and 75-octet folding, checked with the `icalendar` package.
@Suite("Content lines", .blocking)
struct ContentLineTests {
    static let pieces = [
        "é", "à", "ç", "ü", "ß", "ñ", "¿", "🎉", "œ", "ő", "中文", " ", "a", "Z", "café", ";", ",", "\\", ":", "\n", "\r\n",
        "\"", "'", "👩‍💼", "e\u{301}", "Straße", "mañana", "=", "^", "\t",
    ]

    typealias Generator = SplitMix64

    static func event(summary: String, description: String?, location: String?, organizerName: String?) -> CalendarEvent {
        let start = ICSCheck.instant("2026-05-05T06:30:00Z")
        return CalendarEvent(
            uid: "u-\(summary.utf8.count)@relais.example.org", dtstamp: start, start: start, end: start.addingTimeInterval(3600),
            timeZone: TimeZone(identifier: "Europe/Brussels")!, summary: summary, description: description, location: location,
            url: "https://relais.example.org/e/1?a=1&b=2", organizer: CalendarOrganizer(name: organizerName, email: "r@relais.example.org"))
    }

    @Test("Generated TEXT values of 1 to 300 characters round-trip through icalendar")
    func textRoundTrip() throws {
        var generator = Generator(state: 5)
        var texts: [String] = []
        for length in stride(from: 1, through: 300, by: 2) {
            var text = ""
            while text.count < length { text += Self.pieces.randomElement(using: &generator)! }
            texts.append(text)
        }
        let writer = ICalendarWriter()
        let calendars = try texts.map {
            try writer.render(Self.event(summary: $0, description: $0 + $0, location: String($0.reversed()), organizerName: nil))
        }
        let results = try ICSCheck.run(calendars)
        for (text, result) in zip(texts, results) {
            let expected = text.replacingOccurrences(of: "\r\n", with: "\n")
            let reversed = String(text.reversed()).replacingOccurrences(of: "\r\n", with: "\n")
            #expect(result.own_text["summary"] == expected, "\(text.debugDescription)")
            #expect(result.own_text["description"] == expected + expected)
            #expect(result.own_text["location"] == reversed)
            // icalendar 4.0.3 unescapes with a chain of replace() calls that mangles an
            // escaped backslash followed by n, comma or semicolon; compare only without one.
            if !text.contains("\\") {
                #expect(result.summary == expected, "\(text.debugDescription)")
                #expect(result.description == expected + expected)
                #expect(result.location == reversed)
            }
            #expect(result.raw.problems.isEmpty, "\(result.raw.problems)")
            #expect(result.raw.max_line_octets <= 75)
            #expect(result.raw.crlf_only)
        }
    }

    @Test("Folding at 75 octets never splits a UTF-8 character and unfolds to the original line")
    func folding() {
        for count in 1...80 {
            var writer = ContentLineWriter(capacity: 512)
            let value = String(repeating: "a", count: count % 4) + String(repeating: "é中🎉", count: count)
            writer.textLine("SUMMARY", value)
            let lines = writer.bytes.split(separator: 0x0A).map { Array($0) }
            for line in lines {
                #expect(line.last == 0x0D)
                #expect(line.count - 1 <= 75)
                #expect(String(validating: line, as: UTF8.self) != nil, "split character at \(count)")
            }
            var unfolded = String(decoding: writer.bytes, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
            #expect(unfolded.hasSuffix("\r\n"))
            unfolded.removeLast()
            #expect(unfolded == "SUMMARY:" + value)
        }
    }

    @Test("Organizer name is a quoted parameter; specials survive, double quotes become apostrophes")
    func organizer() throws {
        let names = ["Réseau; Femmes, Entrepreneures: Bruxelles", "Ana \"la chef\" Núñez", "Bob\r\nATTENDEE:mailto:x@y"]
        let calendars = try names.map {
            try ICalendarWriter().render(Self.event(summary: "x", description: nil, location: nil, organizerName: $0))
        }
        let results = try ICSCheck.run(calendars)
        #expect(results[0].organizer_cn == names[0])
        #expect(results[1].organizer_cn == "Ana 'la chef' Núñez")
        #expect(results[2].organizer_cn == "Bob  ATTENDEE:mailto:x@y")
        for result in results {
            #expect(result.organizer == "mailto:r@relais.example.org")
            #expect(result.url == "https://relais.example.org/e/1?a=1&b=2")
            #expect(result.raw.problems.isEmpty)
        }
        let text = String(decoding: calendars[2], as: UTF8.self)
        #expect(!text.contains("\r\nATTENDEE"))
    }

    @Test("A cancelled event is written as METHOD:CANCEL and STATUS:CANCELLED")
    func cancel() throws {
        var event = Self.event(summary: "Annulé", description: nil, location: nil, organizerName: "R")
        event.sequence = 3
        event.status = .cancelled
        let published = try ICalendarWriter(productID: "-//Test//Test 2.0//FR").render(
            Self.event(summary: "Prévu", description: nil, location: nil, organizerName: "R"))
        let results = try ICSCheck.run([try ICalendarWriter().render(event), try ICalendarWriter().render(event, method: .cancel), published])
        #expect(results[0].method == "CANCEL")
        #expect(results[0].status == "CANCELLED")
        #expect(results[0].sequence == 3)
        #expect(results[1].method == "CANCEL")
        #expect(results[2].method == "PUBLISH")
        #expect(results[2].status == "CONFIRMED")
        #expect(results[2].prodid == "-//Test//Test 2.0//FR")
        #expect(results[0].prodid == "-//Relais//Relais 1.0//EN")
        for result in results {
            #expect(result.version == "2.0")
            #expect(result.calscale == "GREGORIAN")
        }
    }

    @Test("Invalid events are rejected")
    func validation() {
        var event = Self.event(summary: "x", description: nil, location: nil, organizerName: nil)
        event.end = event.start.addingTimeInterval(-1)
        #expect(throws: CalendarError.self) { try ICalendarWriter().render(event) }
        event.end = event.start
        event.uid = ""
        #expect(throws: CalendarError.self) { try ICalendarWriter().render(event) }
        event.uid = "a\r\nb"
        let error = #expect(throws: CalendarError.self) { try ICalendarWriter().render(event) }
        #expect(error?.description.contains("a\\r\\nb") == true)
        #expect(error?.description.contains("\n") == false)
    }
}

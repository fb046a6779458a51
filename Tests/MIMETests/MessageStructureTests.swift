import Foundation
import RelaisTestSupport
import Testing
@testable import MIME

/// The MIME tree, part headers and decoded bodies, as Python's `email` package sees them.
@Suite("Message structure", .blocking)
struct MessageStructureTests {
    static let ics = Array(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\nUID:1@x\r\nSUMMARY:Caf\u{e9}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)

    @Test("Calendar: mixed[alternative[plain, html, calendar], ics attachment]")
    func calendarTree() throws {
        let text = "Bonjour Ana,\n\nÀ demain = mardi.\nLigne avec espace finale \nFrom the team\n.\n"
        let html = "<p>Bonjour&nbsp;<b>Ana</b></p>\n<p>" + String(repeating: "é", count: 120) + "</p>"
        let message = try Fixtures.message(
            html: html, text: text, calendar: CalendarAttachment(method: .cancel, data: Self.ics),
            listUnsubscribe: ListUnsubscribe(uris: ["https://relais.example.org/u/1", "mailto:u@relais.example.org"], oneClick: true))
        let result = try #require(try MIMECheck.run([try message.render()]).first)
        #expect(result.tree.map(\.type) == [
            "multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar", "application/ics",
        ])
        #expect(result.tree[4].method == "CANCEL")
        #expect(result.tree[4].charset == "utf-8")
        #expect(result.tree[5].disposition == "attachment")
        #expect(result.tree[5].filename == "invite.ics")
        #expect(result.tree[2].cte == "quoted-printable")
        #expect(result.bodies["text"]?.replacingOccurrences(of: "\r\n", with: "\n") == text)
        #expect(result.bodies["html"]?.replacingOccurrences(of: "\r\n", with: "\n") == html)
        #expect(result.bodies["calendar"] == String(decoding: Self.ics, as: UTF8.self))
        #expect(result.bodies["attachment"] == String(decoding: Self.ics, as: UTF8.self))
        #expect(result.max_qp_line <= 76)
        #expect(result.raw.max_line <= 78)
        #expect(result.raw.crlf_only)
        #expect(result.strict_error == nil)
        #expect(result.defects.isEmpty)
        #expect(result.header_names == [
            "Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Language", "List-Unsubscribe",
            "List-Unsubscribe-Post", "Content-Type",
        ])
        #expect(result.headers["List-Unsubscribe-Post"] == ["List-Unsubscribe=One-Click"])
        #expect(result.headers["Date"] == ["Mon, 30 Mar 2026 17:00:00 +0000"])
        #expect(result.headers["MIME-Version"] == ["1.0"])
    }

    @Test("Generated bodies decode to the original text, in 76-character QP lines")
    func generatedBodies() throws {
        var generator = Fixtures.Generator(state: 11)
        let pieces = Fixtures.pieces + ["\n", "\r\n", "\r", " \n", "\t\n", ".", "\n.", "\nFrom ", "=", "=\n", "<p>", "&amp;"]
        var bodies: [String] = []
        for length in stride(from: 0, through: 3_000, by: 37) {
            var body = ""
            while body.count < length { body += pieces.randomElement(using: &generator)! }
            bodies.append(body)
        }
        let messages = try bodies.enumerated().map { index, body in
            try Fixtures.message(html: "<div>" + body + "</div>", text: body, calendar: index % 2 == 0 ? nil : CalendarAttachment(method: .publish, data: Self.ics), seed: "b-\(index)").render()
        }
        let normalize = { (text: String) in
            text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        for (body, result) in zip(bodies, try MIMECheck.run(messages)) {
            #expect(result.bodies["text"].map(normalize) == normalize(body), "\(body.debugDescription)")
            #expect(result.bodies["html"].map(normalize) == normalize("<div>" + body + "</div>"))
            #expect(result.max_qp_line <= 76)
            #expect(result.raw.max_line <= 78)
            #expect(result.raw.problems.isEmpty, "\(result.raw.problems)")
            #expect(result.strict_error == nil, "\(result.strict_error ?? "")")
            #expect(result.defects.isEmpty, "\(result.defects)")
        }
    }

    @Test("Without a calendar: alternative[plain, html]; without HTML: a single text/plain part")
    func simpleTrees() throws {
        let both = try Fixtures.message(text: "Hi", listUnsubscribe: ListUnsubscribe(uris: ["mailto:u@x.org"], oneClick: false))
        let plain = try Fixtures.message(html: nil, text: "Hi\n")
        let results = try MIMECheck.run([try both.render(), try plain.render()])
        #expect(results[0].tree.map(\.type) == ["multipart/alternative", "text/plain", "text/html"])
        #expect(results[0].bodies["text"] == "Hi")
        #expect(!results[0].header_names.contains("List-Unsubscribe-Post"))
        #expect(results[0].headers["List-Unsubscribe"] == ["<mailto:u@x.org>"])
        #expect(results[1].tree.map(\.type) == ["text/plain"])
        #expect(results[1].bodies["text"]?.replacingOccurrences(of: "\r\n", with: "\n") == "Hi\n")
        for result in results {
            #expect(result.strict_error == nil)
            #expect(result.defects.isEmpty)
        }
    }

    @Test("Rendering is deterministic; boundaries follow the Message-ID")
    func deterministic() throws {
        let first = try Fixtures.message(calendar: CalendarAttachment(method: .publish, data: Self.ics)).render()
        let again = try Fixtures.message(calendar: CalendarAttachment(method: .publish, data: Self.ics)).render()
        let other = try Fixtures.message(calendar: CalendarAttachment(method: .publish, data: Self.ics), seed: "row-2").render()
        #expect(first == again)
        #expect(first != other)
        let boundary = { (bytes: [UInt8]) in
            String(decoding: bytes, as: UTF8.self).components(separatedBy: "boundary=\"")[1].prefix { $0 != "\"" }
        }
        #expect(boundary(first) != boundary(other))
    }

    @Test("Reply-To, List-Id and several recipients")
    func optionalHeaders() throws {
        var message = try Fixtures.message()
        message.replyTo = try Mailbox(address: "coord@relais.example.org", displayName: "Coordination Bruxelles")
        message.listID = ListID(name: "Petits-déjeuners du mardi", id: "breakfast.relais.example.org")
        message.to = try (0..<6).map { try Mailbox(address: "member\($0)@example.net", displayName: "Membre n°\($0)") }
        let result = try #require(try MIMECheck.run([try message.render()]).first)
        #expect(result.reply_to.map(\.addr_spec) == ["coord@relais.example.org"])
        #expect(result.reply_to.first?.display_name == "Coordination Bruxelles")
        #expect(result.headers["List-Id"] == ["Petits-déjeuners du mardi <breakfast.relais.example.org>"])
        #expect(result.to.map(\.addr_spec) == (0..<6).map { "member\($0)@example.net" })
        #expect(result.to.map(\.display_name) == (0..<6).map { "Membre n°\($0)" })
        #expect(result.raw.max_header_line <= 78)
        #expect(result.strict_error == nil)
    }

    @Test("Invalid structured values are rejected with a clear error")
    func validation() throws {
        var message = try Fixtures.message()
        message.language = "fr_BE"
        #expect(throws: MIMEError.self) { try message.render() }
        message.language = "fr-BE"
        message.to = []
        #expect(throws: MIMEError.self) { try message.render() }
        message = try Fixtures.message(listUnsubscribe: ListUnsubscribe(uris: ["mailto:u@x.org"], oneClick: true))
        let error = try #require(throws: MIMEError.self) { try message.render() }
        #expect(error.description.contains("https"))
        message = try Fixtures.message(listUnsubscribe: ListUnsubscribe(uris: ["https://x.org/u\r\nBcc: y"], oneClick: false))
        #expect(throws: MIMEError.self) { try message.render() }
        message = try Fixtures.message()
        message.listID = ListID(id: "no-dot")
        #expect(throws: MIMEError.self) { try message.render() }
        message = try Fixtures.message(calendar: CalendarAttachment(method: .publish, data: Self.ics, filename: "a\"b.ics"))
        #expect(throws: MIMEError.self) { try message.render() }
    }
}

import Foundation
import RelaisTestSupport
import Testing
@testable import MIME

/// Data can never add a header line or escape its field.
@Suite("Hostile header data", .blocking)
struct HostileHeaderTests {
    @Test("CR LF in a display name or subject cannot add a Bcc header")
    func lineBreakInjection() throws {
        let hostile = ["Bob\r\nBcc: x@y", "Bob\nBcc: x@y", "Bob\rBcc: x@y", "Bob\r\n\r\nBcc: x@y", "Bob\u{0}\u{7}\r\n Bcc: x@y"]
        let messages = try hostile.map { try Fixtures.message(subject: $0, fromName: $0, toName: $0).render() }
        let results = try MIMECheck.run(messages)
        for (text, result) in zip(hostile, results) {
            #expect(!result.header_names.contains { $0.lowercased() == "bcc" }, "\(text.debugDescription)")
            #expect(!result.raw.raw_header_names.contains { $0.lowercased() == "bcc" })
            #expect(result.header_names.filter { $0 == "To" }.count == 1)
            #expect(result.to.map(\.addr_spec) == ["ana@example.net"])
            #expect(result.subject?.contains("Bcc: x@y") == true)
            #expect(result.subject?.contains("\n") == false)
            #expect(result.from.first?.display_name.contains("\r") == false)
            #expect(result.strict_error == nil)
        }
        #expect(results[0].subject == "Bob Bcc: x@y")
        #expect(results[0].from.first?.display_name == "Bob Bcc: x@y")
    }

    @Test("Markup and specials stay inside the display name")
    func markupDisplayName() throws {
        let names = ["Eve <script>alert(1)</script>", "Mallory <evil@attacker.example>", "\"Quoted\" \\ back, slash; x: y@z",
                     "=?UTF-8?Q?fake?= <x@y>", "Ève <évil@attacker.example>, bob@x.y"]
        let messages = try names.map { try Fixtures.message(fromName: $0, toName: $0).render() }
        let results = try MIMECheck.run(messages)
        for (name, result) in zip(names, results) {
            #expect(result.to.count == 1, "\(name)")
            #expect(result.to.first?.display_name == name)
            #expect(result.to_legacy_name == name)
            #expect(result.to.first?.addr_spec == "ana@example.net")
            #expect(result.from.first?.display_name == name)
            #expect(result.from.first?.addr_spec == "news@relais.example.org")
            #expect(result.strict_error == nil, "\(result.strict_error ?? "")")
        }
    }

    @Test("Extra headers: CR LF, reserved and malformed names are rejected")
    func extraHeaderValidation() {
        #expect(throws: MIMEError.self) { try MailHeader("X-Note", "a\r\nBcc: x@y") }
        #expect(throws: MIMEError.self) { try MailHeader("X-Note", "a\nb") }
        #expect(throws: MIMEError.self) { try MailHeader("Bcc", "x@y") }
        #expect(throws: MIMEError.self) { try MailHeader("subject", "again") }
        #expect(throws: MIMEError.self) { try MailHeader("X Note", "a") }
        #expect(throws: MIMEError.self) { try MailHeader("X-Note:", "a") }
        #expect(throws: MIMEError.self) { try MailHeader("", "a") }
        #expect(throws: MIMEError.self) { try MailHeader("X-Nöte", "a") }
        #expect((try? MailHeader("X-Relais-Kind", "meetup-reminder")) != nil)
    }

    @Test("An error names the field and shows control characters")
    func errorDescription() throws {
        let error = try #require(throws: MIMEError.self) { try MailHeader("X-Note", "a\r\nb") }
        #expect(error.description.contains("X-Note"))
        #expect(error.description.contains("a\\r\\nb"))
        #expect(!error.description.contains("\n"))
    }

    @Test("Non-ASCII extra header values are encoded, and decode back")
    func extraHeaderEncoding() throws {
        var message = try Fixtures.message()
        message.extraHeaders = [try MailHeader("X-Event", "Petit-déjeuner à Bruxelles")]
        let result = try #require(try MIMECheck.run([try message.render()]).first)
        #expect(result.headers["X-Event"] == ["Petit-déjeuner à Bruxelles"])
    }
}

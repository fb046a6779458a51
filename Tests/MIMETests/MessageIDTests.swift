import Testing
@testable import MIME

@Suite("Message-ID")
struct MessageIDTests {
    @Test("Derived IDs are stable per seed, distinct across seeds, and do not show the seed")
    func derived() throws {
        let first = try MessageID(seed: "queue-row-17", domain: "relais.example.org")
        #expect(first == (try MessageID(seed: "queue-row-17", domain: "relais.example.org")))
        let ids = Set(try (0..<10_000).map { try MessageID(seed: "queue-row-\($0)", domain: "relais.example.org").value })
        #expect(ids.count == 10_000)
        #expect(first.value.hasPrefix("<"))
        #expect(first.value.hasSuffix("@relais.example.org>"))
        #expect(!first.value.contains("queue"))
    }

    @Test("Validation", arguments: [
        ("<a@b>", true), ("<a.b-c@relais.example.org>", true), ("<x@[192.0.2.1]>", true),
        ("a@b", false), ("<a b@c>", false), ("<a@b>\r\nBcc: x", false), ("<@b>", false), ("<a@>", false),
        ("<a..b@c>", false), ("<a@b@c>", false), ("<é@b>", false),
    ])
    func validation(text: String, valid: Bool) {
        #expect(((try? MessageID(text)) != nil) == valid, "\(text.debugDescription)")
    }

    @Test("A bad domain is rejected")
    func badDomain() {
        #expect(throws: MIMEError.self) { try MessageID(seed: "x", domain: "bad domain") }
    }
}

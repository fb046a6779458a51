import Foundation
import Testing
@testable import MIME

@Suite("Header folding, encoded words and dates")
struct HeaderFoldingTests {
    /// The physical lines of one rendered header field.
    func render(_ body: (inout HeaderWriter) -> Void) -> [String] {
        var writer = HeaderWriter(capacity: 512)
        body(&writer)
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        return text.components(separatedBy: "\r\n").dropLast()
    }

    @Test("A long ASCII subject folds at spaces within 78 columns and unfolds to the original")
    func asciiFolding() {
        let subject = (1...40).map { "word\($0)" }.joined(separator: " ")
        let lines = render { $0.beginField("Subject"); $0.appendUnstructured(subject); $0.endField() }
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(lines.joined() == "Subject: " + subject)
    }

    @Test("Encoded words: at most 75 characters, whole UTF-8 characters, one per folded line")
    func encodedWordLimits() throws {
        for count in [1, 10, 20, 21, 22, 40, 100] {
            let subject = String(repeating: "🎉é", count: count)
            let lines = render { $0.beginField("Subject"); $0.appendUnstructured(subject); $0.endField() }
            var decoded: [UInt8] = []
            for (index, line) in lines.enumerated() {
                #expect(line.utf8.count <= 78)
                let word = index == 0 ? String(line.dropFirst("Subject: ".count)) : String(line.dropFirst())
                #expect(word.utf8.count <= 75)
                #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="), "\(word)")
                let payload = word.dropFirst(10).dropLast(2)
                let bytes = try #require(Data(base64Encoded: String(payload)))
                #expect(String(data: bytes, encoding: .utf8) != nil, "word \(word) splits a character")
                decoded += bytes
            }
            #expect(decoded == Array(subject.utf8))
        }
    }

    @Test("Q encoding for mostly-ASCII text, spaces as underscores, specials escaped")
    func qEncoding() {
        let lines = render { $0.beginField("Subject"); $0.appendUnstructured("Café au lait_ ?"); $0.endField() }
        #expect(lines == ["Subject: =?UTF-8?Q?Caf=C3=A9_au_lait=5F_=3F?="])
    }

    @Test("A long first word never pushes the first line past 78 columns")
    func longFirstWord() throws {
        for length in 60...80 {
            let word = String(repeating: "x", count: length)
            let subject = render { $0.beginField("Subject"); $0.appendUnstructured(word + " tail"); $0.endField() }
            #expect(subject.allSatisfy { $0.utf8.count <= 78 }, "\(length): \(subject)")
            let mailbox = try Mailbox(address: "a@b.example", displayName: word + " é")
            let replyTo = render { $0.mailboxField("Reply-To", [mailbox]) }
            #expect(replyTo.allSatisfy { $0.utf8.count <= 78 }, "\(length): \(replyTo)")
        }
    }

    @Test("Empty and whitespace-only subjects")
    func emptySubject() {
        #expect(render { $0.beginField("Subject"); $0.appendUnstructured(""); $0.endField() } == ["Subject:"])
        #expect(render { $0.beginField("Subject"); $0.appendUnstructured(" "); $0.endField() } == ["Subject: =?UTF-8?Q?_?="])
    }

    @Test("Display names: quoted when ASCII, escaped quotes and backslashes")
    func quotedDisplayName() throws {
        let mailbox = try Mailbox(address: "a@b.example", displayName: "Ana \"the\" \\ Boss")
        let lines = render { $0.mailboxField("To", [mailbox]) }
        #expect(lines == ["To: \"Ana \\\"the\\\" \\\\ Boss\" <a@b.example>"])
        let bare = try Mailbox(address: "a@b.example")
        #expect(render { $0.mailboxField("To", [bare]) } == ["To: a@b.example"])
    }

    @Test("RFC 5322 dates match Foundation's formatter", arguments: [0.0, 1_774_890_000, 951_782_400, 4_102_444_799, 1_234_567_890.9, -86_401])
    func dates(seconds: Double) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss"
        let date = Date(timeIntervalSince1970: seconds)
        #expect(RFC5322Date.string(from: date) == formatter.string(from: date) + " +0000")
    }

    @Test("Known date")
    func knownDate() {
        #expect(RFC5322Date.string(from: Date(timeIntervalSince1970: 1_795_732_895)) == "Thu, 26 Nov 2026 22:41:35 +0000")
    }
}

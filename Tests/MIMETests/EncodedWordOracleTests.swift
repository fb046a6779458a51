import Foundation
import RelaisTestSupport
import Testing
@testable import MIME

/// Subjects and display names of many lengths and scripts survive a round trip through Python's `email`.
@Suite("Encoded words against Python's email package", .blocking)
struct EncodedWordOracleTests {
    /// Renders one message per generated string and checks what Python decodes.
    func roundTrip(_ strings: [String], asciiWords: Bool) throws {
        let messages = try strings.enumerated().map { index, text in
            try Fixtures.message(subject: text, fromName: text, toName: String(text.reversed()), seed: "rt-\(index)").render()
        }
        let results = try MIMECheck.run(messages)
        try #require(results.count == strings.count)
        for (text, result) in zip(strings, results) {
            #expect(result.subject == text, "subject \(text.debugDescription)")
            #expect(result.subject_legacy == text, "legacy-decoded subject \(text.debugDescription)")
            let fromName = Fixtures.displayName(text)
            let toName = Fixtures.displayName(String(text.reversed()))
            #expect(result.from_legacy_name == fromName, "From name \(text.debugDescription)")
            #expect(result.to_legacy_name == toName, "To name \(text.debugDescription)")
            // Python's header registry puts a space between adjacent encoded words of a
            // phrase (RFC 2047 §6.2 says to drop it). Words are cut at spaces when possible,
            // so that shows as a doubled space, and only inside a run of text without spaces
            // that is too long for one word.
            let modernFrom = try #require(result.from.first?.display_name)
            let modernTo = try #require(result.to.first?.display_name)
            #expect(modernFrom.filter { $0 != " " } == fromName.filter { $0 != " " }, "From name \(text.debugDescription)")
            #expect(modernTo.filter { $0 != " " } == toName.filter { $0 != " " }, "To name \(text.debugDescription)")
            if Fixtures.longestRun(fromName) <= 15 { #expect(Fixtures.displayName(modernFrom) == fromName) }
            if Fixtures.longestRun(toName) <= 15 { #expect(Fixtures.displayName(modernTo) == toName) }
            #expect(result.from.first?.addr_spec == "news@relais.example.org")
            #expect(result.to.first?.addr_spec == "ana@example.net")
            #expect(result.to.count == 1)
            #expect(result.raw.problems.isEmpty, "\(result.raw.problems) for \(text.debugDescription)")
            #expect(result.raw.crlf_only)
            #expect(result.raw.max_header_line <= 78, "header line of \(result.raw.max_header_line) for \(text.debugDescription)")
            #expect(result.strict_error == nil, "\(result.strict_error ?? "") for \(text.debugDescription)")
            #expect(result.defects.isEmpty, "\(result.defects) for \(text.debugDescription)")
        }
    }

    @Test("Accented, emoji and CJK text, lengths 1 to 200", arguments: [1, 2, 3])
    func mixedScripts(seed: UInt64) throws {
        var generator = Fixtures.Generator(state: seed)
        let strings = (1...200).map { Fixtures.text(length: $0, using: &generator) }
        try roundTrip(strings, asciiWords: false)
    }

    @Test("Realistic names and subjects in four languages decode exactly")
    func realisticNames() throws {
        let names = [
            "Amélie Dubois-Lefèvre", "Ana María Núñez de la Peña", "Jürgen Weiß", "Zoë O'Brien", "Łucja Kowalska-Wiśniewska",
            "Chloé 🎉 Martin", "Réseau Femmes Entrepreneures de Bruxelles et environs", "Søren Ødegård", "Ángeles Ibáñez",
            "Françoise d'Aubigné, marquise de Maintenon", "李 小龙", "Ελένη Παπαδοπούλου", "Ольга Иванова-Петрова",
            "Maître Corbeau, sur un arbre perché, tenait en son bec un fromage",
        ]
        let subjects = names.map { "Rappel : petit-déjeuner du 8 mars — \($0)" }
        let messages = try zip(names, subjects).map { name, subject in
            try Fixtures.message(subject: subject, fromName: name, toName: name).render()
        }
        for (index, result) in try MIMECheck.run(messages).enumerated() {
            #expect(result.from.first?.display_name == names[index])
            #expect(result.to.first?.display_name == names[index])
            #expect(result.subject == subjects[index])
            #expect(result.raw.problems.isEmpty)
        }
    }

    @Test("ASCII sentences, long words, leading, trailing and double spaces")
    func asciiSentences() throws {
        var generator = Fixtures.Generator(state: 42)
        let words = ["Rappel", "du", "petit-déjeuner", "meetup", "a", "newsletter", "March", "8", "Bob", "O'Brien",
                     String(repeating: "x", count: 75), "https://relais.example.org/e/42?lang=fr&x=1"]
        var strings: [String] = []
        for length in 1...150 {
            var text = ""
            while text.count < length { text += (text.isEmpty ? "" : " ") + words.randomElement(using: &generator)! }
            switch length % 7 {
            case 0: text = " " + text
            case 1: text += " "
            case 2: text = text.replacingOccurrences(of: " ", with: "  ")
            default: break
            }
            strings.append(text)
        }
        try roundTrip(strings, asciiWords: true)
    }
}

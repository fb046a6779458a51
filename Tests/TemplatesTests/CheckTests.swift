import Foundation
import Testing
@testable import Templates

@Suite struct CheckTests {
    func check(_ scratch: ScratchTemplates, locales: [String] = ["fr", "en", "es", "de"]) -> [TemplateProblem] {
        TemplateCatalog.check(directory: scratch.directory, locales: locales, defaultLocale: "fr")
    }

    @Test func missingLocaleReportsItsFallback() throws {
        let scratch = try ScratchTemplates()
        defer { scratch.cleanup() }
        try scratch.remove("welcome/de.mustache")
        let problems = check(scratch, locales: ["fr", "en", "es", "de", "nl"])
        let welcome = problems.filter { $0.file == "templates/welcome/de.mustache" }
        #expect(welcome.count == 1)
        #expect(welcome.first?.severity == .warning)
        #expect(welcome.first?.message.contains("fr.mustache") == true)
        // "nl" is configured but no kind has it: every kind reports it.
        #expect(problems.filter { $0.file.hasSuffix("/nl.mustache") && $0.file.contains("_common") == false }.count == 6)
    }

    @Test func missingDefaultLocaleIsAnError() throws {
        let scratch = try ScratchTemplates()
        defer { scratch.cleanup() }
        try scratch.remove("welcome/fr.mustache")
        try scratch.remove("welcome/de.mustache")
        let problem = check(scratch).first { $0.file == "templates/welcome/de.mustache" }
        #expect(problem?.severity == .error)
    }

    @Test func parseErrorNamesFileAndLine() throws {
        let scratch = try ScratchTemplates()
        defer { scratch.cleanup() }
        try scratch.write("meetup-reminder/es.mustache", """
            {{$subject}}Recordatorio{{/subject}}
            {{$text}}
            Hola {{#event}}{{title}}{{/evento}}
            {{/text}}
            {{$html}}<p>Hola</p>{{/html}}
            """)
        let problems = check(scratch)
        let parse = try #require(problems.first { $0.file == "templates/meetup-reminder/es.mustache" })
        #expect(parse.severity == .error)
        #expect(parse.line == 3)
        #expect(parse.description.contains("templates/meetup-reminder/es.mustache:3"))
        // Other files are still checked.
        #expect(!problems.contains { $0.file == "templates/meetup-reminder/fr.mustache" })

        // The throwing initializer stops at the same error.
        #expect {
            _ = try TemplateCatalog(directory: scratch.directory, locales: ["fr"], defaultLocale: "fr")
        } throws: { error in
            "\(error)".hasPrefix("templates/meetup-reminder/es.mustache:3")
        }
    }

    @Test func tagOutsideBlocksIsReportedAtItsLine() throws {
        let scratch = try ScratchTemplates()
        defer { scratch.cleanup() }
        try scratch.write("welcome/en.mustache", "{{$subject}}Hi{{/subject}}\n{{$text}}Hi{{/text}}\n{{$html}}Hi{{/html}}\nDear {{recipient.name}}\n")
        let problem = try #require(check(scratch).first { $0.file == "templates/welcome/en.mustache" })
        #expect(problem.line == 4)
        #expect(problem.message.contains("outside"))
    }

    @Test func missingVariablesAreFound() throws {
        let scratch = try ScratchTemplates()
        defer { scratch.cleanup() }
        try scratch.write("meetup-reminder/de.mustache", """
            {{$subject}}Erinnerung: {{event.titel}}{{/subject}}
            {{$text}}
            Guten Tag {{recipent.name}},
            {{#event}}{{title}} {{ort}}{{/event}}
            {{#event.location}}{{event.location}}{{/event.location}}
            {{/text}}
            {{$html}}<p>{{recipient.name}} {{data.cta.lable}}</p>{{/html}}
            """)
        let problems = check(scratch).filter { $0.file == "templates/meetup-reminder/de.mustache" }
        let messages = problems.map(\.message).joined(separator: "\n")
        #expect(messages.contains("'event.titel'"))
        #expect(messages.contains("'recipent'"))
        #expect(messages.contains("'ort'"))
        #expect(messages.contains("'data.cta.lable'"))
        #expect(problems.count == 4, "\(messages)")
        #expect(problems.first { $0.message.contains("recipent") }?.line == 3)
    }

    @Test func overLongSubjectIsReported() throws {
        let scratch = try ScratchTemplates()
        defer { scratch.cleanup() }
        let original = try String(contentsOf: scratch.directory.appendingPathComponent("welcome/fr.mustache"), encoding: .utf8)
        try scratch.write("welcome/fr.mustache", original.replacingOccurrences(
            of: "{{$subject}}Bienvenue chez {{sender.organization}}{{/subject}}",
            with: "{{$subject}}Bienvenue chez {{sender.organization}}, le réseau des entrepreneuses de Belgique{{/subject}}"
        ))
        let problems = check(scratch).filter { $0.file == "templates/welcome/fr.mustache" }
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("subject too long") == true)
        #expect(problems.first?.line == 2)
    }

    @Test func unescapedTagsAndMissingBlocksAreRejected() throws {
        let scratch = try ScratchTemplates()
        defer { scratch.cleanup() }
        try scratch.write("welcome/en.mustache", "{{$subject}}Hi{{/subject}}\n{{$text}}Hi{{/text}}\n{{$html}}{{{recipient.name}}}{{/html}}\n")
        try scratch.write("welcome/es.mustache", "{{$subject}}Hola{{/subject}}\n{{$html}}Hola{{/html}}\n")
        let problems = check(scratch)
        #expect(problems.first { $0.file == "templates/welcome/en.mustache" }?.message.contains("unescaped") == true)
        #expect(problems.first { $0.file == "templates/welcome/es.mustache" }?.message.contains("{{$text}}") == true)
    }

    @Test func misspeltBlockAndPrintedObjectAreReported() throws {
        let scratch = try ScratchTemplates()
        defer { scratch.cleanup() }
        try scratch.write("welcome/en.mustache", """
            {{$subject}}Welcome{{/subject}}
            {{$text}}Hello {{event}}{{/text}}
            {{$html}}<p>Hello</p>{{/html}}
            {{$foter}}Bye{{/foter}}
            """)
        let problems = check(scratch).filter { $0.file == "templates/welcome/en.mustache" }
        let block = try #require(problems.first { $0.message.contains("{{$foter}}") })
        #expect(block.severity == .warning)
        #expect(block.line == 4)
        #expect(problems.contains { $0.message.contains("'{{event}}' is an object") })
    }

    @Test func encodedSubjectLengthMatchesBase64() {
        for subject in ["Rappel : déjeuner", "Erinnerung: Frühstück übermorgen", "ñ"] {
            let b = "=?UTF-8?B?" + Data(subject.utf8).base64EncodedString() + "?="
            #expect(SubjectLength.bLength(subject) == b.count)
            #expect(SubjectLength.encodedLength(subject) <= b.count)
        }
        #expect(SubjectLength.encodedLength("Plain ASCII subject") == 19)
        // Q: "é" is two bytes, each written =XX.
        #expect(SubjectLength.qLength("é") == "=?UTF-8?Q?=C3=A9?=".count)
    }
}

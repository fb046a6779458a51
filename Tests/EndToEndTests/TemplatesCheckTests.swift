import Foundation
import RelaisTestSupport
import Testing

/// `relaisctl templates check` and `templates list` on the shipped templates and on broken copies.
@Suite(.blocking) struct TemplatesCheckTests {
    /// A copy of the shipped templates in a temporary directory.
    static func copy(_ sandbox: Sandbox) throws -> String {
        let copy = sandbox.directory.file("templates-copy")
        try FileManager.default.copyItem(atPath: Repository.path("templates"), toPath: copy)
        return copy
    }

    @Test func shippedTemplatesPassQuietly() throws {
        let result = try Sandbox().ctl(["templates", "check"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
    }

    @Test func aBrokenCopyFailsWithOneLinePerProblem() throws {
        let sandbox = Sandbox()
        let copy = try Self.copy(sandbox)
        // An unknown variable on line 5, and an unclosed section in another file.
        var welcome = try String(contentsOfFile: "\(copy)/welcome/en.mustache", encoding: .utf8).components(separatedBy: "\n")
        welcome.insert("{{recipient.nmae}}", at: 4)
        try welcome.joined(separator: "\n").write(toFile: "\(copy)/welcome/en.mustache", atomically: true, encoding: .utf8)
        try "{{$subject}}Hola{{/subject}}\n{{$text}}\n{{#event.title}}\n{{/text}}\n{{$html}}<p>x</p>{{/html}}\n"
            .write(toFile: "\(copy)/newsletter/es.mustache", atomically: true, encoding: .utf8)
        let result = try sandbox.ctl(["templates", "check", "--directory", copy])
        #expect(result.status == 65, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("templates-copy/welcome/en.mustache:5: error:") && $0.contains("recipient.nmae") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("templates-copy/newsletter/es.mustache:") && $0.contains("error") }, "\(lines)")
        #expect(lines.allSatisfy { $0.contains(": error: ") || $0.contains(": warning: ") }, "\(lines)")
        #expect(result.stderr.contains("error"))
    }

    @Test func aMissingLanguageIsAWarningNamingTheFallback() throws {
        let sandbox = Sandbox()
        let copy = try Self.copy(sandbox)
        try FileManager.default.removeItem(atPath: "\(copy)/welcome/de.mustache")
        let result = try sandbox.ctl(["templates", "check", "--directory", copy])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "templates-copy/welcome/de.mustache: warning: missing; members in 'de' get welcome/fr.mustache\n")
        let list = try sandbox.ctl(["templates", "list", "--directory", copy])
        #expect(list.status == 0)
        let row = list.stdout.split(separator: "\n").first { $0.hasPrefix("welcome ") }
        #expect(row?.hasSuffix("→ fr") == true, "\(list.stdout)")
    }

    @Test func aMissingFolderExits66() throws {
        let result = try Sandbox().ctl(["templates", "check", "--directory", "/nonexistent/templates"])
        #expect(result.status == 66)
    }
}

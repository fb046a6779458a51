import Foundation
import RelaisTestSupport
import Testing

/// One language per message: `announce` refuses members whose language has no data, and
/// `--fallback` sends them the whole message in the default locale. Messages are read back
/// from the file transport with Python's `email` package (scripts/mime-check.py).
@Suite(.blocking) struct AnnounceLanguageTests {
    /// mompreneurs-be in the sample: fr-BE ×2 and fr, en, es-ES, de.
    static let list = "mompreneurs-be"

    func frenchOnly(_ sandbox: Sandbox) -> String {
        sandbox.directory.write("fr.json", #"{"title": "Lettre du 8 mars", "paragraphs": ["Le réseau se retrouve le 8 mars."]}"#)
    }

    @Test func frenchDataOnlyIsRefusedWithTheMissingLanguagesAndTheirCounts() throws {
        let sandbox = try AnnounceTests().sandboxWithMembers()
        let result = try sandbox.ctl(["announce", "newsletter", "--list", Self.list, "--data", "fr=\(frenchOnly(sandbox))"])
        #expect(result.status == 65)
        #expect(result.stderr == "relaisctl: newsletter has no data in de (1 member), en (1 member), es (1 member): give --data LOCALE=FILE.json for these languages, or --fallback to send these members the whole message in fr\n")
        // A file without a language is the default locale's: refused the same way.
        let plain = try sandbox.ctl(["announce", "newsletter", "--list", Self.list, "--data", frenchOnly(sandbox)])
        #expect(plain.status == 65 && plain.stderr == result.stderr)
        #expect(try sandbox.ctl(["queue", "list", "--json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]")
    }

    @Test func withFallbackEveryMemberGetsTheWholeMessageInFrench() throws {
        let sandbox = try AnnounceTests().sandboxWithMembers()
        let result = try sandbox.ctl(["announce", "newsletter", "--list", Self.list, "--data", "fr=\(frenchOnly(sandbox))", "--fallback"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try sandbox.runDaemonOnce().status == 0)
        let messages = try AnnounceTests().outbox(sandbox)
        #expect(messages.count == 6)
        let checked = try PreviewTests.mimeCheck(messages)
        #expect(checked.count == 6)
        var recipients: [String] = []
        for message in checked {
            let headers = message["headers"] as? [String: [String]] ?? [:]
            let text = (message["bodies"] as? [String: String])?["text"] ?? ""
            let html = (message["bodies"] as? [String: String])?["html"] ?? ""
            recipients.append(((message["to"] as? [[String: Any]])?.first?["addr_spec"] as? String) ?? "")
            #expect(headers["Content-Language"]?.map { $0.trimmingCharacters(in: .whitespaces) } == ["fr"])
            #expect(message["subject"] as? String == "Lettre du 8 mars")
            #expect(text.contains("Le réseau se retrouve le 8 mars."))
            #expect(text.contains("Bonjour ") && text.contains("Bien cordialement"), "\(text)")
            for foreign in ["Hello", "Dear", "Hola", "Estimad", "Guten Tag", "Kind regards", "Atentamente", "Mit freundlichen"] {
                #expect(!text.contains(foreign) && !html.contains(foreign), "\(foreign) in \(text)")
            }
            #expect(html.contains("lang=\"fr\""))
        }
        #expect(Set(recipients).isSuperset(of: ["emma.janssens@example.be", "maria.lopez@example.es", "ines.weiss@example.de"]))
    }

    @Test func aNewsletterWithoutDataIsRefused() throws {
        let sandbox = try AnnounceTests().sandboxWithMembers()
        let result = try sandbox.ctl(["announce", "newsletter", "--list", Self.list])
        #expect(result.status == 65)
        #expect(result.stderr == "relaisctl: newsletter needs data (title, paragraphs): give --data FILE.json, or --data LOCALE=FILE.json for each language\n")
        let partial = sandbox.directory.write("t.json", #"{"title": "Seulement un titre"}"#)
        let missing = try sandbox.ctl(["announce", "newsletter", "--list", Self.list, "--data", partial, "--fallback"])
        #expect(missing.status == 65)
        #expect(missing.stderr == "relaisctl: newsletter: the fr data has no paragraphs (needed: title, paragraphs)\n")
        #expect(try sandbox.ctl(["queue", "list", "--json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]")
    }

    @Test func previewTakesTheSameDataAndShowsTheFallback() throws {
        let sandbox = try AnnounceTests().sandboxWithMembers()
        let fr = frenchOnly(sandbox)
        let de = sandbox.directory.write("de.json", #"{"title": "Brief zum 8. März", "paragraphs": ["Das Netzwerk trifft sich."]}"#)
        let german = try sandbox.ctl(["preview", "newsletter", "--locale", "de", "--data", "fr=\(fr)", "--data", "de=\(de)"])
        #expect(german.status == 0, "\(german.stderr)")
        #expect(german.stdout.contains("Content-Language: de") && german.stdout.contains("Das Netzwerk trifft sich."))
        let spanish = try sandbox.ctl(["preview", "newsletter", "--member", "maria.lopez@example.es", "--data", "fr=\(fr)", "--data", "de=\(de)"])
        #expect(spanish.status == 0, "\(spanish.stderr)")
        #expect(spanish.stderr == "note: no data in es-ES: its members get the whole message in fr\n")
        #expect(spanish.stdout.contains("Content-Language: fr") && spanish.stdout.contains("Le réseau se retrouve le 8 mars."))
        #expect(!spanish.stdout.contains("Hola") && !spanish.stdout.contains("Estimad"))
    }
}

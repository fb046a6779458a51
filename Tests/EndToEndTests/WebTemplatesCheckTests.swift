import Foundation
import RelaisTestSupport
import Testing

/// `templates check` checks the web pages of `templates/_web` too.
@Suite(.blocking) struct WebTemplatesCheckTests {
    @Test func aMissingPageLanguageIsAWarningAndAMissingFrameAnError() throws {
        let sandbox = Sandbox()
        let copy = try TemplatesCheckTests.copy(sandbox)
        try FileManager.default.removeItem(atPath: "\(copy)/_web/rsvp/de.mustache")
        let warned = try sandbox.ctl(["templates", "check", "--directory", copy])
        #expect(warned.status == 0, "\(warned.stdout)\(warned.stderr)")
        #expect(warned.stdout.contains("_web/rsvp/de.mustache: warning: missing; members in 'de' get rsvp/fr.mustache"), "\(warned.stdout)")

        try FileManager.default.removeItem(atPath: "\(copy)/_web/layout.mustache")
        let failed = try sandbox.ctl(["templates", "check", "--directory", copy])
        #expect(failed.status == 65, "\(failed.stdout)\(failed.stderr)")
        #expect(failed.stdout.contains("_web/layout.mustache") && failed.stdout.contains("error"), "\(failed.stdout)")
    }
}

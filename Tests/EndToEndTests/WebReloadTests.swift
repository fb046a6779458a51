import Foundation
import RelaisTestSupport
import Testing

/// SIGHUP reloads the members' pages (`templates/_web`) like the mail templates; a bad page
/// keeps the running ones and the log says why.
@Suite(.blocking, .serialized) struct WebReloadTests {
    @Test(.timeLimit(.minutes(3)))
    func pagesReloadOnSighupAndABadPageKeepsTheOldOnes() throws {
        let sandbox = try WebEndpointTests.sandbox()
        // A copy of the templates the test may edit, given to relaisd through the environment.
        let templates = sandbox.directory.file("templates")
        try FileManager.default.copyItem(atPath: Repository.path("templates"), toPath: templates)
        let page = templates + "/_web/unsubscribe/es.mustache"
        let original = try String(contentsOfFile: page, encoding: .utf8)

        let daemon = try RunningProcess(
            Binaries.relaisd, ["--config", sandbox.config],
            environment: Binaries.cleanEnvironment.merging(["RELAIS_TEMPLATES_DIRECTORY": templates]) { $1 })
        defer { _ = DaemonHarness.stop(daemon, signal: SIGTERM) }
        guard let line = daemon.waitForLine({ $0.contains("web endpoint listening on 127.0.0.1:") }),
              let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        else { throw HarnessError("relaisd did not report its web port: \(DaemonHarness.tail(daemon))") }
        let key = try #require(try RSVPReminderTests.memberKeys(database: sandbox.directory.file("var/relais.sqlite"))["ana@example.org"])
        let url = "http://127.0.0.1:\(port)/u/\(key)"
        #expect(try WebClient.request("GET", url).status == 200)

        // A translator edits her page: after SIGHUP, the page says what she wrote.
        try (original + "\n<p>Página revisada</p>\n").write(toFile: page, atomically: true, encoding: .utf8)
        #expect(!(try WebClient.request("GET", url).body.contains("Página revisada")), "changed before the reload")
        kill(daemon.process.processIdentifier, SIGHUP)
        #expect(daemon.waitForLine(timeout: 30) { $0.contains("reloaded") } != nil, "\(DaemonHarness.tail(daemon))")
        #expect(try WebClient.request("GET", url).body.contains("Página revisada"))

        // A page that does not parse: the reload fails, says which file, and the pages stay as they were.
        try (original + "\n{{#unclosed}}\n").write(toFile: page, atomically: true, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        let failed = daemon.waitForLine(timeout: 30) { $0.contains("reload failed") }
        #expect(failed?.contains("_web") == true, "\(failed ?? DaemonHarness.tail(daemon))")
        let kept = try WebClient.request("GET", url)
        #expect(kept.status == 200)
        #expect(kept.body.contains("Página revisada"))
    }
}

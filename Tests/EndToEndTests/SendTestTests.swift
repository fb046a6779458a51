import Foundation
import RelaisTestSupport
import Testing

/// `relaisctl send-test` through the built binary against the aiosmtpd test server (STARTTLS + AUTH).
@Suite(.blocking, .serialized) struct SendTestTests {
    static let password = "Mot-de-passe-Brüssel-7"

    func tlsServer() throws -> SMTPTestServer {
        try SMTPTestServer(TestCertificates.shared.serverArguments + ["--require-starttls", "--auth", "relais:\(Self.password)"])
    }

    /// A sandbox sending to 127.0.0.1:`port` with `password` in a password file beside the configuration.
    func sandbox(port: Int, password: String = password) -> Sandbox {
        let sandbox = Sandbox(extraYAML: """
            delivery:
              transport: smtp
              smtp:
                url: smtp://127.0.0.1:\(port)
                tls: required
                ca_file: \(TestCertificates.shared.caFile)
                username: relais
                password_file: smtp-password
                helo: relais.test
                timeout: 20s
            """)
        sandbox.directory.write("smtp-password", password + "\n")
        return sandbox
    }

    @Test func sendsOneComposedMessageAndPrintsTheServerReply() throws {
        let server = try tlsServer()
        defer { server.stop() }
        let result = try sandbox(port: server.port).ctl(["send-test", "meetup-reminder", "--to", "ana@example.org", "--locale", "de"])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try server.records()
        try #require(records.count == 1)
        let record = records[0]
        #expect(record.rcpt_tos == ["ana@example.org"] && record.mail_from == "bonjour@mompreneurs.example")
        #expect(record.tls && record.authenticated)
        // The reply is the server's own: "250 2.0.0 OK queued as <its message count>".
        #expect(result.stdout == "250 2.0.0 OK queued as 1\n")
        let text = String(decoding: record.bytes, as: UTF8.self)
        #expect(text.contains("\r\nContent-Language: de\r\n"))
        #expect(text.contains("\r\nMessage-ID: <"))
        #expect(!text.contains("List-Unsubscribe"))
    }

    @Test func wrongPasswordExits78WithOneLineNamingAuthNotThePassword() throws {
        let server = try tlsServer()
        defer { server.stop() }
        let wrong = "Falsch-\(UUID().uuidString)"
        let result = try sandbox(port: server.port, password: wrong).ctl(["send-test", "newsletter", "--to", "ana@example.org"])
        #expect(result.status == 78)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first?.contains("AUTH") == true)
        #expect(!result.stderr.contains(wrong) && !result.stdout.contains(wrong))
        #expect(!result.stderr.contains(Self.password))
        #expect(try server.records().isEmpty)
    }

    @Test func connectionRefusedExits75() throws {
        let server = try SMTPTestServer()
        let port = server.port
        server.stop()
        let result = try sandbox(port: port).ctl(["send-test", "welcome", "--to", "ana@example.org", "--locale", "en"])
        #expect(result.status == 75)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first?.contains("connect") == true)
    }

    @Test func badAddressTemplateOrLocaleExit65WithoutSending() throws {
        let server = try tlsServer()
        defer { server.stop() }
        let sandbox = sandbox(port: server.port)
        for arguments in [["newsletter", "--to", "ana@"], ["no-such-template", "--to", "ana@example.org"],
                          ["newsletter", "--to", "ana@example.org", "--locale", "it"]] {
            let result = try sandbox.ctl(["send-test"] + arguments)
            #expect(result.status == 65, "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        #expect(try server.records().isEmpty)
    }
}

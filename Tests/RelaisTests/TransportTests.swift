import Foundation
import Logging
import Relais
import RelaisTestSupport
import SMTP
import Store
import Testing

/// The file and SMTP transports, against a real folder and the real aiosmtpd test server.
@Suite(.serialized) struct TransportTests {
    static let password = "Geheim-pässwort-42"
    let directory = TemporaryDirectory("relais-transport")
    let capture = LogCapture()
    var logger: Logger { Logger(label: "relais.test", factory: { [capture] _ in capture }) }

    func message(id: String?, subject: String = "Petit-déjeuner") -> [UInt8] {
        var text = "From: Relais <relais@example.org>\r\nTo: ana@example.org\r\n"
        if let id { text += "Message-ID: \(id)\r\n" }
        text += "Subject: \(subject)\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour Ana.\r\n.\r\nFin\r\n"
        return Array(text.utf8)
    }

    /// A configuration file whose `delivery:` section is `delivery`.
    func configuration(_ delivery: String) async throws -> RelaisConfiguration {
        for folder in ["templates", "outbox"] {
            try FileManager.default.createDirectory(atPath: directory.file(folder), withIntermediateDirectories: true)
        }
        let path = directory.write("relais.yaml", """
            store:
              path: relais.sqlite
            templates:
              directory: templates
            sender:
              from: "Relais <relais@example.org>"
              organization: Relais
              default_locale: fr
              locales: [fr, en]
            delivery:
            \(delivery)
            """)
        return try await ConfigurationLoader.load(path: path, environment: [:])
    }

    func smtpConfiguration(_ server: SMTPTestServer, password: String = password, extra: String = "") async throws -> RelaisConfiguration {
        let passwordFile = directory.write("smtp-password", password + "\n")
        return try await configuration("""
              transport: smtp
              smtp:
                url: smtp://127.0.0.1:\(server.port)
                tls: required
                ca_file: \(TestCertificates.shared.caFile)
                username: relais
                password_file: \(passwordFile)
                helo: relais.test
                connections: 1
                timeout: 20s
            \(extra)
            """)
    }

    func tlsServer() async throws -> SMTPTestServer {
        try await SMTPTestServer.start(TestCertificates.shared.serverArguments + ["--require-starttls", "--auth", "relais:\(Self.password)"])
    }

    // MARK: file

    @Test func fileTransportWritesOneCompleteFileNamedByMessageID() async throws {
        let transport = FileTransport(directory: directory.file("outbox"))
        let bytes = message(id: "<0123abcd.relais@example.org>")
        let outcome = await transport.send(Envelope(id: "12", from: "relais@example.org", to: "ana@example.org", bytes: bytes))
        let path = directory.file("outbox/0123abcd.relais@example.org.eml")
        guard case .sent(let reply) = outcome else {
            Issue.record("expected sent, got \(outcome)")
            return
        }
        #expect(reply.code == 250 && reply.text == "written to \(path)")
        #expect(FileManager.default.contents(atPath: path) == Data(bytes))
        // Nothing else in the folder: no temporary file left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("outbox")) == ["0123abcd.relais@example.org.eml"])
    }

    @Test func fileNameComesFromAFoldedHeaderOrTheEnvelopeAndIsSafe() {
        let folded = Array("Subject: x\r\nMessage-ID:\r\n <folded.id@example.org>\r\n\r\nMessage-ID: <body@example.org>\r\n".utf8)
        #expect(FileTransport.fileName(for: Envelope(id: "1", from: "", to: "a@b", bytes: folded)) == "folded.id@example.org.eml")
        let inBodyOnly = Array("Subject: x\r\n\r\nMessage-ID: <body@example.org>\r\n".utf8)
        #expect(FileTransport.fileName(for: Envelope(id: "row-9", from: "", to: "a@b", bytes: inBodyOnly)) == "row-9.eml")
        let hostile = message(id: "<../../etc/passwd@x>")
        let name = FileTransport.fileName(for: Envelope(id: "1", from: "", to: "a@b", bytes: hostile))
        #expect(!name.contains("/") && !name.hasPrefix("."))
    }

    @Test func fileTransportCreatesAMissingFolder() async throws {
        let transport = FileTransport(directory: directory.file("new/outbox"))
        let outcome = await transport.send(Envelope(id: "1", from: "", to: "a@b", bytes: message(id: "<new@x>")))
        #expect(outcome.name == "sent")
        #expect(FileManager.default.fileExists(atPath: directory.file("new/outbox/new@x.eml")))
    }

    @Test func aFolderThatCannotBeWrittenDefersWithTheSystemReason() async throws {
        // A regular file where the folder should be: fails for root too.
        directory.write("not-a-folder", "x")
        let transport = FileTransport(directory: directory.file("not-a-folder"))
        let outcome = await transport.send(Envelope(id: "1", from: "", to: "a@b", bytes: message(id: "<a@x>")))
        guard case .deferred(let failure) = outcome else {
            Issue.record("expected deferred, got \(outcome)")
            return
        }
        #expect(failure.message.contains(String(cString: strerror(ENOTDIR))))
        #expect(failure.message.contains(directory.file("not-a-folder")))
    }

    @Test(.enabled(if: getuid() != 0, "root ignores directory permissions"))
    func aReadOnlyFolderDefersAndLeavesNoFile() async throws {
        let outbox = directory.file("outbox")
        try FileManager.default.createDirectory(atPath: outbox, withIntermediateDirectories: true)
        chmod(outbox, 0o555)
        defer { chmod(outbox, 0o755) }
        let outcome = await FileTransport(directory: outbox).send(Envelope(id: "1", from: "", to: "a@b", bytes: message(id: "<a@x>")))
        guard case .deferred(let failure) = outcome else {
            Issue.record("expected deferred, got \(outcome)")
            return
        }
        #expect(failure.message.contains(String(cString: strerror(EACCES))))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outbox).isEmpty)
    }

    // MARK: smtp

    @Test func smtpTransportSendsWithStartTLSAndAuthFromAPasswordFile() async throws {
        let server = try await tlsServer()
        defer { server.stop() }
        let configuration = try await smtpConfiguration(server)
        let transport = try TransportFactory.make(configuration: configuration, store: nil, logger: logger)
        #expect(transport is SMTPTransport)
        var sent: [[UInt8]] = []
        for number in 1...3 {
            let bytes = message(id: "<m\(number)@example.org>", subject: "n°\(number)")
            sent.append(bytes)
            let outcome = await transport.send(Envelope(id: "\(number)", from: "relais@example.org", to: "m\(number)@example.org", bytes: bytes))
            #expect(outcome.name == "sent", "\(outcome)")
            #expect(outcome.reply?.code == 250)
        }
        await transport.shutdown()
        let records = try server.records()
        #expect(records.map(\.bytes) == sent)
        #expect(records.allSatisfy { $0.tls && $0.authenticated && $0.mail_from == "relais@example.org" })
        #expect(server.connectionCount() == 1)
        #expect(!capture.lines.contains { $0.contains(Self.password) })
    }

    @Test func wrongPasswordIsAConfigurationErrorThatNeverShowsThePassword() async throws {
        let server = try await tlsServer()
        defer { server.stop() }
        let wrong = "Falsch-\(UUID().uuidString)"
        let transport = try TransportFactory.make(configuration: try await smtpConfiguration(server, password: wrong), store: nil, logger: logger)
        let before = Date()
        let outcome = await transport.send(Envelope(id: "1", from: "relais@example.org", to: "ana@example.org", bytes: message(id: "<a@x>")))
        // The relay is left alone for five minutes: the next message gets the same error without a new login.
        let second = await transport.send(Envelope(id: "2", from: "relais@example.org", to: "bob@example.org", bytes: message(id: "<b@x>")))
        let paused = try #require(transport.throttledUntil)
        await transport.shutdown()
        #expect(second == outcome)
        #expect(server.connectionCount() == 1)
        #expect(paused >= before.addingTimeInterval(300) && paused <= Date().addingTimeInterval(300))
        #expect(capture.lines.contains { $0.hasPrefix("error SMTP sending paused until") })
        guard case .configurationError(let failure) = outcome else {
            Issue.record("expected a configuration error, got \(outcome)")
            return
        }
        #expect(failure.stage == .auth)
        #expect(outcome.description.contains("AUTH"))
        #expect(!outcome.description.contains(wrong))
        #expect(!capture.lines.contains { $0.contains(wrong) })
        #expect(try server.records().isEmpty)
    }

    @Test func unreadablePasswordFileNamesTheKeyNotTheContent() async throws {
        let server = try await tlsServer()
        defer { server.stop() }
        var configuration = try await smtpConfiguration(server)
        configuration.delivery.smtp.passwordFile = directory.file("missing-password")
        #expect {
            _ = try TransportFactory.make(configuration: configuration, store: nil, logger: logger)
        } throws: { error in
            let problem = (error as? ConfigurationError)?.problems.first
            return problem?.key == "delivery.smtp.password_file" && problem?.value == directory.file("missing-password")
        }
    }

    @Test func perHourCapCountsTheSendsAlreadyInTheLedger() async throws {
        let server = try await SMTPTestServer.start()
        defer { server.stop() }
        let configuration = try await smtpConfiguration(server, extra: "    per_hour: 2\n    per_day: 100")
        let store = try RelaisStore(path: directory.file("relais.sqlite"))
        let t0 = Date(timeIntervalSince1970: 1_780_000_000)
        for (index, minutesAgo) in [30.0, 10.0].enumerated() {
            let finished = t0.addingTimeInterval(-minutesAgo * 60)
            let row = QueueMessage(
                idempotencyKey: "k\(index)", kind: "test", source: "test", memberId: nil, recipient: "a@example.org",
                recipientName: "A", locale: "fr", template: "t", payload: nil, dueAt: finished.addingTimeInterval(-1),
                notAfter: nil, messageId: "<\(index)@x>", now: finished.addingTimeInterval(-1))
            _ = try store.enqueue([row])
            let claimed = try store.claim(owner: "w", limit: 1, now: finished, lease: 60)
            let id = try #require(claimed.first?.id)
            try store.record([DeliveryResult(
                queueId: id, state: .sent, outcome: "sent", countsAsAttempt: true, nextAttemptAt: nil, replyCode: 250,
                replyEnhanced: nil, replyText: "ok", reason: nil, startedAt: finished, finishedAt: finished)], owner: "w")
        }
        let limiter = try SMTPTransport.rateLimiter(settings: configuration.delivery.smtp, store: store, now: t0)
        // Two sends in the last hour fill the cap: the next is allowed when the older leaves the window.
        #expect(limiter.nextAllowed(now: t0) == t0.addingTimeInterval(-30 * 60 + 3600))
        #expect(limiter.sendCount(within: 86_400, now: t0) == 2)
        let fresh = try SMTPTransport.rateLimiter(settings: configuration.delivery.smtp, store: nil, now: t0)
        #expect(fresh.nextAllowed(now: t0) == nil)
    }
}

import Foundation
import Logging
import RelaisTestSupport
import SMTP
import Testing

/// SMTPConnection against the real aiosmtpd test server: TLS, AUTH, reuse, bytes on the wire.
@Suite(.blocking, .serialized) struct SMTPConnectionTests {
    static let password = "pässwörd-ünïcode"
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func tlsServer(_ extra: [String] = []) throws -> SMTPTestServer {
        try SMTPTestServer(TestCertificates.shared.serverArguments
            + ["--require-starttls", "--auth", "relais:\(Self.password)"] + extra)
    }

    func configuration(_ server: SMTPTestServer, password: String = password) -> SMTPConfiguration {
        SMTPConfiguration(url: server.url, tls: .required, caFile: TestCertificates.shared.caFile,
                          username: "relais", password: password, helo: "relais.test", timeout: 20)
    }

    @Test func startTLSAndAuthSendTwentyMessagesOnOneConnection() throws {
        let server = try tlsServer()
        defer { server.stop() }
        let capture = LogCapture()
        let connection = try SMTPConnection(configuration: configuration(server),
                                            logger: Logger(label: "trace", factory: { _ in capture }))
        var sent: [[UInt8]] = []
        for number in 1...20 {
            let message = TestMessages.message(number)
            sent.append(message)
            let outcome = connection.send(from: "relais@example.org", to: "member\(number)@example.org", message: message)
            guard case .sent(let reply) = outcome else {
                Issue.record("message \(number): \(outcome)")
                return
            }
            #expect(reply.code == 250)
            #expect(reply.enhancedCode == "2.0.0")
            #expect(reply.stage == .endOfData)
        }
        let records = try server.records()
        #expect(records.count == 20)
        #expect(records.map(\.bytes) == sent)
        #expect(records.map { $0.rcpt_tos } == (1...20).map { ["member\($0)@example.org"] })
        #expect(records.allSatisfy { $0.mail_from == "relais@example.org" && $0.tls && $0.authenticated })
        #expect(Set(records.map(\.connection)).count == 1)
        #expect(server.connectionCount() == 1)
        #expect(connection.connectionsOpened == 1)

        let logged = capture.lines
        #expect(logged.contains { $0.contains("STARTTLS") })
        #expect(logged.contains { $0.contains("AUTH") })
        let plain = Data("\0relais\0\(Self.password)".utf8).base64EncodedString()
        #expect(!logged.contains { $0.contains(Self.password) || $0.contains(plain) })
    }

    @Test func requiredTLSFailsWhenServerOffersNoStartTLS() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let config = SMTPConfiguration(url: server.url, tls: .required, helo: "relais.test")
        let outcome = try SMTPConnection(configuration: config, logger: logger)
            .send(from: "a@example.org", to: "b@example.org", message: TestMessages.message(1))
        guard case .configurationError(let failure) = outcome else {
            Issue.record("expected configurationError, got \(outcome)")
            return
        }
        #expect(outcome.description.contains("STARTTLS"))
        #expect(failure.stage == .ehlo || failure.stage == .starttls)
        #expect(try server.records().isEmpty)
    }

    @Test func opportunisticTLSFallsBackToPlainText() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let config = SMTPConfiguration(url: server.url, tls: .opportunistic, helo: "relais.test")
        let outcome = try SMTPConnection(configuration: config, logger: logger)
            .send(from: "a@example.org", to: "b@example.org", message: TestMessages.message(1))
        guard case .sent = outcome else {
            Issue.record("expected sent, got \(outcome)")
            return
        }
        let records = try server.records()
        #expect(records.count == 1)
        #expect(records.first?.tls == false)
    }

    @Test func implicitTLSWithSMTPS() throws {
        let server = try SMTPTestServer(TestCertificates.shared.serverArguments + ["--implicit-tls"])
        defer { server.stop() }
        let config = SMTPConfiguration(url: URL(string: "smtps://127.0.0.1:\(server.port)")!,
                                       caFile: TestCertificates.shared.caFile, helo: "relais.test")
        let outcome = try SMTPConnection(configuration: config, logger: logger)
            .send(from: "a@example.org", to: "b@example.org", message: TestMessages.message(1))
        guard case .sent = outcome else {
            Issue.record("expected sent, got \(outcome)")
            return
        }
        #expect(try server.records().count == 1)
    }

    @Test func wrongPasswordIsAConfigurationErrorAtAuth() throws {
        let server = try tlsServer()
        defer { server.stop() }
        let wrong = "not-the-right-sécret"
        let outcome = try SMTPConnection(configuration: configuration(server, password: wrong), logger: logger)
            .send(from: "a@example.org", to: "b@example.org", message: TestMessages.message(1))
        guard case .configurationError(let failure) = outcome else {
            Issue.record("expected configurationError, got \(outcome)")
            return
        }
        #expect(failure.stage == .auth)
        #expect(failure.reply?.code == 535)
        #expect(outcome.description.contains("AUTH"))
        #expect(!outcome.description.contains(wrong))
        #expect(!outcome.description.contains(Self.password))
    }

    @Test func untrustedCertificateIsAConfigurationError() throws {
        let server = try tlsServer()
        defer { server.stop() }
        var config = configuration(server)
        config.caFile = nil
        let outcome = try SMTPConnection(configuration: config, logger: logger)
            .send(from: "a@example.org", to: "b@example.org", message: TestMessages.message(1))
        guard case .configurationError(let failure) = outcome else {
            Issue.record("expected configurationError, got \(outcome)")
            return
        }
        #expect(failure.stage == .starttls)
        #expect(outcome.description.contains("certificate"))
    }

    @Test func certificateForAnotherHostIsAConfigurationError() throws {
        let certs = TestCertificates.shared
        let server = try SMTPTestServer(["--tls-cert", certs.otherHostCertFile, "--tls-key", certs.otherHostKeyFile])
        defer { server.stop() }
        let config = SMTPConfiguration(url: server.url, tls: .required, caFile: certs.caFile, helo: "relais.test")
        let outcome = try SMTPConnection(configuration: config, logger: logger)
            .send(from: "a@example.org", to: "b@example.org", message: TestMessages.message(1))
        guard case .configurationError(let failure) = outcome else {
            Issue.record("expected configurationError, got \(outcome)")
            return
        }
        #expect(failure.stage == .starttls)
        #expect(outcome.description.contains("certificate"))
        #expect(try server.records().isEmpty)
    }

    @Test(arguments: [(SMTPConfiguration.AuthMechanism.plain, "AUTH PLAIN"), (.login, "AUTH LOGIN"),
                      (.automatic, "AUTH PLAIN")])
    func authMechanisms(mechanism: SMTPConfiguration.AuthMechanism, command: String) throws {
        let server = try tlsServer()
        defer { server.stop() }
        let capture = LogCapture()
        var config = configuration(server)
        config.authMechanism = mechanism
        let outcome = try SMTPConnection(configuration: config, logger: Logger(label: "trace", factory: { _ in capture }))
            .send(from: "a@example.org", to: "b@example.org", message: TestMessages.message(1))
        #expect(outcome.name == "sent", "\(outcome)")
        #expect(try server.records().first?.authenticated == true)
        let logged = capture.lines
        #expect(logged.contains { $0.contains("C: \(command)") })
        let secrets = [Self.password, Data(Self.password.utf8).base64EncodedString(),
                       Data("\0relais\0\(Self.password)".utf8).base64EncodedString()]
        #expect(!logged.contains { line in secrets.contains { line.contains($0) } })
    }

    @Test func connectionLimitOpensNewConnections() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        var config = SMTPConfiguration(url: server.url, tls: .none, helo: "relais.test")
        config.messagesPerConnection = 3
        let connection = try SMTPConnection(configuration: config, logger: logger)
        for number in 1...7 {
            let outcome = connection.send(from: "a@example.org", to: "b@example.org", message: TestMessages.message(number))
            #expect(outcome.name == "sent", "\(outcome)")
        }
        let connections = try server.records().map(\.connection)
        #expect(connections == [1, 1, 1, 2, 2, 2, 3])
    }
}

import Foundation
import Logging
import RelaisTestSupport
import SMTP
import Testing

/// Every outcome class, produced by a real server with injected faults.
@Suite(.blocking, .serialized) struct SMTPOutcomeServerTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func send(fault: String, extra: [String] = [], timeout: Double = 20, padding: Int = 0,
              to recipient: String = "ana@example.org") throws -> (SMTPOutcome, SMTPTestServer) {
        let server = try SMTPTestServer(["--fault", fault] + extra)
        let config = SMTPConfiguration(url: server.url, tls: .none, helo: "relais.test", timeout: timeout)
        let outcome = try SMTPConnection(configuration: config, logger: logger)
            .send(from: "relais@example.org", to: recipient, message: TestMessages.message(1, padding: padding))
        return (outcome, server)
    }

    @Test func temporaryRejectionAtRCPTIsDeferred() throws {
        let (outcome, server) = try send(fault: "rcpt:450 4.2.1 Mailbox busy")
        defer { server.stop() }
        guard case .deferred(let failure) = outcome else {
            Issue.record("expected deferred, got \(outcome)")
            return
        }
        #expect(failure.stage == .rcpt)
        #expect(failure.reply == SMTPReply(code: 450, enhancedCode: "4.2.1", text: "Mailbox busy", stage: .rcpt))
        #expect(outcome.description.contains("450 4.2.1 Mailbox busy"))
    }

    @Test func noSuchUserIsBounced() throws {
        let (outcome, server) = try send(fault: "rcpt:550 5.1.1 No such user")
        defer { server.stop() }
        guard case .bounced(let reply) = outcome else {
            Issue.record("expected bounced, got \(outcome)")
            return
        }
        #expect(reply.code == 550 && reply.enhancedCode == "5.1.1" && reply.stage == .rcpt)
    }

    @Test func faultMatchOnlyHitsTheNamedRecipient() throws {
        let (outcome, server) = try send(fault: "rcpt:550 5.1.1 No such user", extra: ["--fault-match", "ghost"])
        defer { server.stop() }
        #expect(outcome.name == "sent", "\(outcome)")
    }

    @Test func permanentRejectionAtEndOfDataIsFailed() throws {
        let (outcome, server) = try send(fault: "eod:554 5.7.1 Message refused as spam")
        defer { server.stop() }
        guard case .failed(let reply) = outcome else {
            Issue.record("expected failed, got \(outcome)")
            return
        }
        #expect(reply == SMTPReply(code: 554, enhancedCode: "5.7.1", text: "Message refused as spam", stage: .endOfData))
        #expect(try server.records().isEmpty)
    }

    @Test func serviceNotAvailableIsThrottledAndNextSendReconnects() throws {
        let server = try SMTPTestServer(["--fault", "mail:421 4.7.0 Try again later", "--fault-count", "1"])
        defer { server.stop() }
        let config = SMTPConfiguration(url: server.url, tls: .none, helo: "relais.test")
        let connection = try SMTPConnection(configuration: config, logger: logger)
        let first = connection.send(from: "a@example.org", to: "b@example.org", message: TestMessages.message(1))
        guard case .throttled(let failure) = first else {
            Issue.record("expected throttled, got \(first)")
            return
        }
        #expect(failure.stage == .mail && failure.reply?.code == 421)
        let second = connection.send(from: "a@example.org", to: "b@example.org", message: TestMessages.message(2))
        #expect(second.name == "sent", "\(second)")
        #expect(server.connectionCount() == 2)
        #expect(try server.records().map(\.connection) == [2])
    }

    @Test func connectionClosedBeforeMAILIsRetriedOnANewConnection() throws {
        // The second MAIL FROM (on the reused connection) finds the connection closed by the server.
        let server = try SMTPTestServer(["--fault", "mail:drop", "--fault-skip", "1", "--fault-count", "1"])
        defer { server.stop() }
        let config = SMTPConfiguration(url: server.url, tls: .none, helo: "relais.test")
        let connection = try SMTPConnection(configuration: config, logger: logger)
        for number in 1...3 {
            let outcome = connection.send(from: "a@example.org", to: "b@example.org", message: TestMessages.message(number))
            #expect(outcome.name == "sent", "\(outcome)")
        }
        #expect(try server.records().map(\.connection) == [1, 2, 2])
    }

    @Test func tooManyLoginAttemptsIsThrottled() throws {
        let server = try SMTPTestServer(["--auth", "relais:secret", "--fault", "auth:454 4.7.0 Too many login attempts"])
        defer { server.stop() }
        let config = SMTPConfiguration(url: server.url, tls: .none, username: "relais", password: "secret",
                                       helo: "relais.test")
        let outcome = try SMTPConnection(configuration: config, logger: logger)
            .send(from: "a@example.org", to: "b@example.org", message: TestMessages.message(1))
        guard case .throttled(let failure) = outcome else {
            Issue.record("expected throttled, got \(outcome)")
            return
        }
        #expect(failure.stage == .auth && failure.reply?.code == 454)
    }

    @Test func dropWhileTheBodyIsBeingSentIsDeferred() throws {
        let (outcome, server) = try send(fault: "data:drop", padding: 8 * 1024 * 1024)
        defer { server.stop() }
        guard case .deferred(let failure) = outcome else {
            Issue.record("expected deferred, got \(outcome)")
            return
        }
        #expect(failure.stage == .data)
    }

    @Test func dropAfterTheBodyBeforeTheReplyIsUnknown() throws {
        let (outcome, server) = try send(fault: "eod:drop")
        defer { server.stop() }
        guard case .unknown(let failure) = outcome else {
            Issue.record("expected unknown, got \(outcome)")
            return
        }
        #expect(failure.stage == .endOfData)
    }

    @Test func stallAfterTheBodyIsUnknownAfterTheTimeout() throws {
        let (outcome, server) = try send(fault: "eod:stall", timeout: 1)
        defer { server.stop() }
        guard case .unknown(let failure) = outcome else {
            Issue.record("expected unknown, got \(outcome)")
            return
        }
        #expect(failure.stage == .endOfData)
        #expect(failure.curlCode == 28)
    }

    @Test func stallAtGreetingIsTheRelays() throws {
        let (outcome, server) = try send(fault: "greeting:stall", timeout: 1.5)
        defer { server.stop() }
        guard case .relay(let failure) = outcome else {
            Issue.record("expected relay, got \(outcome)")
            return
        }
        #expect(failure.stage == .connect || failure.stage == .greeting)
    }

    @Test func greetingRejectionIsThrottled() throws {
        let (outcome, server) = try send(fault: "greeting:421 4.3.2 Too busy")
        defer { server.stop() }
        guard case .throttled(let failure) = outcome else {
            Issue.record("expected throttled, got \(outcome)")
            return
        }
        #expect(failure.stage == .greeting)
    }

    @Test func connectionRefusedIsTheRelays() throws {
        let server = try SMTPTestServer()
        let url = server.url
        server.stop()
        let config = SMTPConfiguration(url: url, tls: .none, helo: "relais.test")
        let outcome = try SMTPConnection(configuration: config, logger: logger)
            .send(from: "a@example.org", to: "b@example.org", message: TestMessages.message(1))
        guard case .relay(let failure) = outcome else {
            Issue.record("expected relay, got \(outcome)")
            return
        }
        #expect(failure.stage == .connect)
        #expect(failure.curlCode == 7)
    }
}

import Foundation
import Logging
import Relais
@testable import RelaisDaemon
import RelaisTestSupport
import SMTP
import Store
import Systemd
import Testing

/// The delivery engine in-process, with a transport double at the `MessageTransport` seam and a
/// real SQLite store (the real SMTP path is covered end to end).
@Suite struct DeliveryEngineTests {
    let directory = TemporaryDirectory()

    /// A store with `count` members on list `news` and one queued message each; the configuration.
    func setUp(count: Int, relayWideAfter: Int = 5) async throws -> (RelaisStore, RelaisConfiguration, [String]) {
        let config = directory.write("relais.yaml", """
            store:
              path: \(directory.file("relais.sqlite"))
            templates:
              directory: \(Repository.path("templates"))
            sender:
              from: Relais <bonjour@example.org>
              organization: Relais
            delivery:
              transport: smtp
              smtp:
                url: smtp://127.0.0.1:1
                tls: none
                relay_wide_after: \(relayWideAfter)
            """)
        let configuration = try await ConfigurationLoader.load(path: config, environment: [:])
        let store = try RelaisStore(path: configuration.storePath)
        let emails = (0..<count).map { "m\($0)@example.org" }
        _ = try store.upsertMembers(emails.map { MemberInput(email: $0, name: $0, locale: "fr", lists: ["news"]) })
        let now = Date()
        var rows: [QueueMessage] = []
        for email in emails {
            let member = try #require(try store.member(email: email)?.member)
            rows.append(QueueMessage(
                idempotencyKey: "test|\(email)", kind: "test", source: "test", memberId: member.id, recipient: email,
                recipientName: email, locale: "fr", template: "newsletter", payload: nil, dueAt: now.addingTimeInterval(-1),
                notAfter: nil, messageId: "<\(email).relais@example.org>", now: now))
        }
        #expect(try store.enqueue(rows) == count)
        return (store, configuration, emails)
    }

    func engine(_ store: RelaisStore, _ configuration: RelaisConfiguration, transport: ScriptedTransport) throws -> DeliveryEngine {
        let runtime = DaemonRuntime(
            configuration: configuration, composer: FixedComposer(), transport: transport,
            mapper: OutcomeMapper(settings: configuration.delivery),
            breaker: RelayBreaker(threshold: configuration.delivery.smtp.relayWideAfter, pause: ThrottlePolicy(initial: 60, cap: 60)))
        let logger = Logger(label: "test")
        return DeliveryEngine(
            store: store, monitor: try ChangeMonitor(store: store), owner: "relaisd-test", executor: BlockingExecutor(),
            runtime: RuntimeHolder(runtime),
            state: DaemonState(), notifier: SystemdNotifier(environment: [:], logger: logger), logger: logger, once: true)
    }

    @Test func everyRowIsSentOnceAndRecorded() async throws {
        let (store, configuration, emails) = try await setUp(count: 30)
        let transport = ScriptedTransport()
        try await engine(store, configuration, transport: transport).run()
        #expect(transport.recipients.sorted() == emails.sorted())
        #expect(try store.queueCounts() == [.sent: 30])
    }

    @Test func oneRefusalForEveryoneChargesNobody() async throws {
        let (store, configuration, emails) = try await setUp(count: 12, relayWideAfter: 4)
        let refusal = SMTPOutcome.bounced(SMTPReply(code: 550, enhancedCode: "5.1.1", text: "User unknown in virtual mailbox table", stage: .rcpt))
        let transport = ScriptedTransport(script: Dictionary(uniqueKeysWithValues: emails.map { ($0, [refusal]) }))
        try await engine(store, configuration, transport: transport).run()
        let counts = try store.queueCounts()
        #expect(counts[.failed] == nil, "failed: \(counts)")
        #expect(try store.members().allSatisfy { $0.member.status == .active })
        // The rows the breaker saw are waiting for the pause to end, not counted against anyone.
        #expect(try store.queueRows(state: .queued).allSatisfy { $0.attempts == 0 })
    }

    @Test func aGenuineBounceStillBounces() async throws {
        let (store, configuration, emails) = try await setUp(count: 10)
        let refusal = SMTPOutcome.bounced(SMTPReply(code: 550, enhancedCode: "5.1.1", text: "<m3@example.org>: User unknown", stage: .rcpt))
        let transport = ScriptedTransport(script: [emails[3]: [refusal]])
        try await engine(store, configuration, transport: transport).run()
        #expect(try store.queueCounts() == [.sent: 9, .failed: 1])
        #expect(try store.member(email: emails[3])?.member.status == .bounced)
    }

    @Test func aMemberWhoLeftIsNotSentTo() async throws {
        let (store, configuration, emails) = try await setUp(count: 5)
        try store.unsubscribe(email: emails[2], list: nil)
        let transport = ScriptedTransport()
        try await engine(store, configuration, transport: transport).run()
        #expect(!transport.recipients.contains(emails[2]))
        #expect(try store.queueCounts() == [.sent: 4, .cancelled: 1])
    }
}

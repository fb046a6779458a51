import Foundation
import RelaisTestSupport
import Testing

/// `delivery.return_path`: each message's envelope sender names its own row (VERP), so a bounce
/// that comes back later says whose message it was; without the key, the From address is the
/// envelope sender.
@Suite(.blocking, .serialized) struct VERPTests {
    @Test(.timeLimit(.minutes(2)))
    func eachMessageCarriesItsOwnReturnPath() throws {
        let harness = try DaemonHarness(deliveryExtra: ["return_path: \"bounces+{token}@mompreneurs.example\""])
        try harness.addMembers(3, list: "news")
        #expect(try harness.announce(list: "news") == 3)
        let once = try harness.runOnce()
        #expect(once.status == 0, "relaisd --once: \(once.stderr)")

        let rows = Dictionary(uniqueKeysWithValues: try harness.queueRows().map { ($0.recipient, $0) })
        let records = try harness.server.records()
        #expect(records.count == 3)
        var senders: Set<String> = []
        for record in records {
            let recipient = try #require(record.rcpt_tos.first)
            let row = try #require(rows[recipient])
            // The token is the random part of the row's Message-ID: `<token.relais@…>`.
            let token = row.message_id.dropFirst().prefix { $0 != "." && $0 != "@" }.lowercased()
            #expect(token.count >= 16, "message id: \(row.message_id)")
            #expect(record.mail_from == "bounces+\(token)@mompreneurs.example", "\(recipient): MAIL FROM \(record.mail_from)")
            #expect(DaemonHarness.header("Message-ID", in: record.bytes) == row.message_id)
            // The From header is unchanged: only the envelope names the row.
            #expect(DaemonHarness.header("From", in: record.bytes)?.contains("<bonjour@mompreneurs.example>") == true)
            senders.insert(record.mail_from)
        }
        #expect(senders.count == 3, "one return path per message: \(senders)")
    }

    @Test(.timeLimit(.minutes(2)))
    func withoutReturnPathTheFromAddressIsTheEnvelopeSender() throws {
        let harness = try DaemonHarness()
        try harness.addMembers(2, list: "news")
        #expect(try harness.announce(list: "news") == 2)
        #expect(try harness.runOnce().status == 0)
        let records = try harness.server.records()
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.mail_from == "bonjour@mompreneurs.example" }, "\(records.map(\.mail_from))")
    }
}

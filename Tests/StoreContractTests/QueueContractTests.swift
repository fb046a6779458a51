import Foundation
import StoreModel
import Testing

/// The ``QueueStore`` contract, the same tests on every backend (SQLite, PostgreSQL).
@Suite("queue contract", .postgresServer)
struct QueueContractTests {
    /// A whole second, so that every backend stores it exactly.
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    var t0: Date { Self.t0 }

    func message(
        _ key: String, due: Date, notAfter: Date? = nil, memberId: Int64? = nil, kind: String = "announcement",
        source: String = "announcement:1"
    ) -> QueueMessage {
        QueueMessage(
            idempotencyKey: key, kind: kind, source: source, memberId: memberId, recipient: "\(key)@example.org",
            recipientName: key, locale: "fr", template: "newsletter", payload: Data("{\"k\":\"\(key)\"}".utf8), dueAt: due,
            notAfter: notAfter, messageId: "<\(key)@relais.test>", now: t0)
    }

    func result(
        _ id: Int64, _ state: QueueMessage.State, outcome: String, counts: Bool = true, next: Date? = nil,
        finished: Date? = nil, reason: String? = nil, bounce: Bool = false, body: Data? = nil
    ) -> DeliveryResult {
        DeliveryResult(
            queueId: id, state: state, outcome: outcome, countsAsAttempt: counts, nextAttemptAt: next,
            replyCode: state == .sent ? 250 : 451, replyEnhanced: state == .sent ? "2.0.0" : "4.7.1",
            replyText: state == .sent ? "OK" : "try later", reason: reason, startedAt: t0,
            finishedAt: finished ?? t0.addingTimeInterval(1), bounceMember: bounce, body: body)
    }
}

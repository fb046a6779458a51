import Foundation
import PostgresStore
import Store
import StoreModel
import Testing

/// The operator's side of the store (``OperatorStore``: members, suppression, lists,
/// announcements, queue actions, what status reads), the same tests on every backend.
@Suite("operator contract", .postgresServer)
struct OperatorContractTests {
    /// A whole second, so that every backend stores it exactly.
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    var t0: Date { Self.t0 }

    func input(_ email: String, _ name: String, locale: String = "fr", lists: [String]) -> MemberInput {
        MemberInput(email: email, name: name, locale: locale, lists: lists)
    }

    /// The row relaisctl's announce makes for one recipient.
    static func row(_ announcement: Stored<Announcement>, _ member: Stored<Member>) -> QueueMessage {
        QueueMessage(
            idempotencyKey: "announcement:\(announcement.id):\(member.id)", kind: "announcement",
            source: "announcement:\(announcement.id)", memberId: member.id, recipient: member.email, recipientName: member.name,
            locale: member.locale, template: announcement.template, payload: nil, dueAt: announcement.dueAt, notAfter: nil,
            messageId: "<a\(announcement.id)m\(member.id)@relais.test>", now: t0)
    }

    /// A welcome row for a new member.
    static func welcome(_ member: Stored<Member>) -> QueueMessage {
        QueueMessage(
            idempotencyKey: "welcome:\(member.email.lowercased())", kind: "welcome", source: "welcome", memberId: member.id,
            recipient: member.email, recipientName: member.name, locale: member.locale, template: "welcome", payload: nil,
            dueAt: t0, notAfter: nil, messageId: "<w\(member.id)@relais.test>", now: t0)
    }

    /// An announcement of `newsletter` to `lists`, due at `due`.
    func announcement(_ lists: [String], due: Date) -> Announcement {
        Announcement(template: "newsletter", lists: lists, data: nil, dueAt: due, now: t0)
    }
}

extension Backend {
    /// Runs `body` with a fresh store of this backend, as relaisctl's commands see it.
    func withOperatorStore(_ body: (OperatorStoreCalls) async throws -> Void) async throws {
        try await withFixture { fixture in
            let store: any OperatorStore
            switch fixture {
            case let fixture as SQLiteFixture: store = fixture.sqlite
            case let fixture as PostgresFixture: store = fixture.postgres
            default: throw StoreError(.database, "no operator store for \(type(of: fixture))")
            }
            try await body(OperatorStoreCalls(store: store, fixture: fixture))
        }
    }
}

/// The operator store under test, called off the cooperative pool, and its backend's fixture.
struct OperatorStoreCalls: Sendable {
    let store: any OperatorStore
    let fixture: any StoreFixture

    /// Runs `body` with the store on a thread of its own.
    func callAsFunction<T: Sendable>(_ body: @escaping @Sendable (any OperatorStore) throws -> T) async throws -> T {
        let store = store
        return try await offPool { try body(store) }
    }

    /// What a store call threw, as a ``StoreError``; nil when it did not throw.
    func failure(_ body: @escaping @Sendable (any OperatorStore) throws -> Void) async -> StoreError? {
        do {
            try await self(body)
            return nil
        } catch let error as StoreError {
            return error
        } catch {
            return StoreError(.database, "not a StoreError: \(error)")
        }
    }

    /// The unsent rows (by idempotency key) and the state and reason of every row.
    func rows() async throws -> [String: (state: QueueMessage.State, reason: String?, memberId: Int64?)] {
        let rows = try await self { try $0.queueRows(state: nil, limit: nil) }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.idempotencyKey, ($0.state, $0.reason, $0.memberId)) })
    }
}

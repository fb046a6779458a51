import Foundation
import Logging
import PostgresNIO
import PostgresStore
import RelaisTestSupport
import Store
import Testing

/// The store backends the contract runs on; each case makes a fresh, empty store.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh store of this backend, and closes it after.
    func withFixture(_ body: (any StoreFixture) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let directory = TemporaryDirectory("relais-contract")
            let store = try RelaisStore(path: directory.file("relais.sqlite"))
            try await body(SQLiteFixture(store: store))
        case .postgres:
            let server = try SharedPostgresServer.server
            let connector = try PostgresConnector(
                url: server.url(database: try server.createDatabase()), passwordFile: server.writePasswordFile(), environment: [:])
            _ = try await connector.withConnection(logger: quietLogger) { connection in
                try await PostgresMigrator().migrate(connection, logger: quietLogger)
            }
            let client = PostgresClient(configuration: connector.clientConfiguration, backgroundLogger: quietLogger)
            let running = Task { await client.run() }
            defer { running.cancel() }
            try await body(PostgresFixture(store: PostgresRelaisStore(client: client, logger: quietLogger)))
        }
    }
}

/// A fresh store under test, and what the contract tests need besides the queue: members and an
/// operator's hold, which each backend does its own way.
protocol StoreFixture: Sendable {
    /// The queue, called off the cooperative pool.
    var queue: OffPoolQueue { get }
    /// Adds an active member; returns her id.
    func addMember(_ email: String) async throws -> Int64
    /// Makes the member with `email` unsubscribed (without touching the queue).
    func unsubscribe(_ email: String) async throws
    /// The status of the member with `email` (`active`, `unsubscribed`, `bounced`).
    func memberStatus(_ email: String) async throws -> String?
    /// What `queue hold` does to row `id`.
    func hold(_ id: Int64) async throws
    /// Makes an event and records that member `memberId` answered no for its `occurrence`
    /// (`YYYY-MM-DDTHH:MM:SS`); returns the event's id.
    func decline(memberId: Int64, occurrence: String) async throws -> Int64
}

/// The SQLite store, through its own member and operator operations.
struct SQLiteFixture: StoreFixture {
    let store: RelaisStore
    var queue: OffPoolQueue { OffPoolQueue(store: store) }

    func addMember(_ email: String) async throws -> Int64 {
        try await offPool {
            _ = try store.upsertMembers([MemberInput(email: email, name: "Member", locale: "fr", lists: ["members"])])
            guard let listing = try store.member(email: email) else { throw StoreError(.notFound, "no member \(email)") }
            return listing.member.id
        }
    }

    func unsubscribe(_ email: String) async throws {
        try await offPool { try store.unsubscribe(email: email, list: nil) }
    }

    func memberStatus(_ email: String) async throws -> String? {
        try await offPool { try store.member(email: email)?.member.status.rawValue }
    }

    func hold(_ id: Int64) async throws {
        let change = try await offPool { try store.apply(.hold, ids: [id]) }
        guard change.changed == [id] else { throw StoreError(.conflict, "cannot hold \(id): \(change.refused)") }
    }

    func decline(memberId: Int64, occurrence: String) async throws -> Int64 {
        try await offPool {
            let event = try store.insertEvent(Event(
                uid: UUID().uuidString, titles: ["fr": "Atelier"], descriptions: [:], startLocal: occurrence,
                timeZone: "Europe/Brussels", rule: nil, durationSeconds: 3600, lists: ["members"], reminders: ["1d"],
                template: "meetup-reminder", location: nil, url: nil, now: Date()))
            try store.recordRSVP(memberId: memberId, eventId: event.id, occurrence: occurrence, answer: .no)
            return event.id
        }
    }
}

/// The PostgreSQL store; members and holds are plain SQL on its pool (no member operations yet).
struct PostgresFixture: StoreFixture {
    let store: PostgresRelaisStore
    var queue: OffPoolQueue { OffPoolQueue(store: store) }

    func addMember(_ email: String) async throws -> Int64 {
        let rows = try await store.client.query(
            """
            INSERT INTO "member" ("email", "name", "locale", "status", "unsubscribeToken", "createdAt", "updatedAt")
            VALUES (\(email), 'Member', 'fr', 'active', \(UUID().uuidString), now(), now()) RETURNING "id"
            """, logger: quietLogger)
        for try await id in rows.decode(Int64.self) { return id }
        throw StoreError(.database, "no id for \(email)")
    }

    func unsubscribe(_ email: String) async throws {
        try await store.client.query(
            #"UPDATE "member" SET "status" = 'unsubscribed', "updatedAt" = now() WHERE "email" = \#(email)"#, logger: quietLogger)
    }

    func memberStatus(_ email: String) async throws -> String? {
        let rows = try await store.client.query(#"SELECT "status" FROM "member" WHERE "email" = \#(email)"#, logger: quietLogger)
        for try await status in rows.decode(String.self) { return status }
        return nil
    }

    func hold(_ id: Int64) async throws {
        try await store.client.query(
            """
            UPDATE "queue" SET "state" = 'held', "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = now()
            WHERE "id" = \(id) AND "state" IN ('scheduled', 'queued', 'deferred', 'sending')
            """, logger: quietLogger)
    }

    func decline(memberId: Int64, occurrence: String) async throws -> Int64 {
        let rows = try await store.client.query(
            """
            INSERT INTO "event" ("uid", "titles", "descriptions", "startLocal", "timeZone", "durationSeconds", "lists",
              "reminders", "template", "createdAt", "updatedAt")
            VALUES (\(UUID().uuidString), '{"fr": "Atelier"}', '{}', \(occurrence), 'Europe/Brussels', 3600, '["members"]',
              '["1d"]', 'meetup-reminder', now(), now())
            RETURNING "id"
            """, logger: quietLogger)
        var eventId: Int64?
        for try await id in rows.decode(Int64.self) { eventId = id }
        guard let eventId else { throw StoreError(.database, "no event id") }
        try await store.client.query(
            """
            INSERT INTO "rsvp" ("memberId", "eventId", "occurrence", "answer", "answeredAt")
            VALUES (\(memberId), \(eventId), \(occurrence), 'no', now())
            """, logger: quietLogger)
        return eventId
    }
}

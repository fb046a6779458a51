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
            try await body(SQLiteFixture(sqlite: store))
        case .postgres:
            try await Self.withPostgresFixtures(1) { fixtures in try await body(fixtures[0]) }
        }
    }

    /// Runs `body` with `count` PostgreSQL stores on one fresh database, each on a pool of its
    /// own: several daemons sharing the queue.
    static func withPostgresFixtures(_ count: Int, _ body: ([PostgresFixture]) async throws -> Void) async throws {
        let server = try SharedPostgresServer.server
        let connector = try PostgresConnector(
            url: server.url(database: try server.createDatabase()), passwordFile: server.writePasswordFile(), environment: [:])
        _ = try await connector.withConnection(logger: quietLogger) { connection in
            try await PostgresMigrator().migrate(connection, logger: quietLogger)
        }
        let clients = (0..<count).map { _ in
            PostgresClient(configuration: connector.clientConfiguration, backgroundLogger: quietLogger)
        }
        let running = clients.map { client in Task { await client.run() } }
        defer { running.forEach { $0.cancel() } }
        try await body(
            clients.map { PostgresFixture(store: PostgresRelaisStore(client: $0, location: connector.location, logger: quietLogger)) })
    }
}

/// A fresh store under test, and what the contract tests need besides the queue: members, lists,
/// events, announcements, answers and an operator's hold, which each backend writes its own way
/// (SQLite through its store's operations, PostgreSQL with plain SQL: it has no such operations yet).
protocol StoreFixture: Sendable {
    /// The store under test (call it off the cooperative pool, with ``offPool(_:)``).
    var store: any DaemonStore { get }
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
    /// Adds an active member named `name` subscribed to `lists` (made when missing); returns her id.
    func addMember(_ email: String, name: String, lists: [String]) async throws -> Int64
    /// Makes the member with `email` leave `list` (her membership stays, unsubscribed).
    func leaveList(_ email: String, list: String) async throws
    /// Adds a list; returns its id.
    func addList(_ name: String) async throws -> Int64
    /// Stores `event` with its `exceptions` (original occurrence, new start or nil for cancelled),
    /// each recorded at `event.updatedAt` and bumping its sequence, as `event cancel --occurrence` does; returns its id.
    func addEvent(_ event: Event, exceptions: [(occurrence: String, movedTo: String?)]) async throws -> Int64
    /// Stores a pending announcement, as created at `announcement.createdAt`; returns its id.
    func addAnnouncement(_ announcement: Announcement) async throws -> Int64
    /// Records member `memberId`'s `answer` for `occurrence` of event `eventId`.
    func answer(memberId: Int64, eventId: Int64, occurrence: String, _ answer: RSVPAnswer.Answer) async throws
}

/// The SQLite store, through its own member and operator operations.
struct SQLiteFixture: StoreFixture {
    let sqlite: RelaisStore
    var store: any DaemonStore { sqlite }
    var queue: OffPoolQueue { OffPoolQueue(store: sqlite) }

    func addMember(_ email: String) async throws -> Int64 {
        try await offPool {
            _ = try sqlite.upsertMembers([MemberInput(email: email, name: "Member", locale: "fr", lists: ["members"])])
            guard let listing = try sqlite.member(email: email) else { throw StoreError(.notFound, "no member \(email)") }
            return listing.member.id
        }
    }

    func unsubscribe(_ email: String) async throws {
        try await offPool { try sqlite.unsubscribe(email: email, list: nil) }
    }

    func memberStatus(_ email: String) async throws -> String? {
        try await offPool { try sqlite.member(email: email)?.member.status.rawValue }
    }

    func hold(_ id: Int64) async throws {
        let change = try await offPool { try sqlite.apply(.hold, ids: [id]) }
        guard change.changed == [id] else { throw StoreError(.conflict, "cannot hold \(id): \(change.refused)") }
    }

    func decline(memberId: Int64, occurrence: String) async throws -> Int64 {
        try await offPool {
            let event = try sqlite.insertEvent(Event(
                uid: UUID().uuidString, titles: ["fr": "Atelier"], descriptions: [:], startLocal: occurrence,
                timeZone: "Europe/Brussels", rule: nil, durationSeconds: 3600, lists: ["members"], reminders: ["1d"],
                template: "meetup-reminder", location: nil, url: nil, now: Date()))
            try sqlite.recordRSVP(memberId: memberId, eventId: event.id, occurrence: occurrence, answer: .no)
            return event.id
        }
    }

    func addMember(_ email: String, name: String, lists: [String]) async throws -> Int64 {
        try await offPool {
            _ = try sqlite.upsertMembers([MemberInput(email: email, name: name, locale: "fr", lists: lists)])
            guard let listing = try sqlite.member(email: email) else { throw StoreError(.notFound, "no member \(email)") }
            return listing.member.id
        }
    }

    func leaveList(_ email: String, list: String) async throws {
        try await offPool { try sqlite.unsubscribe(email: email, list: list) }
    }

    func addList(_ name: String) async throws -> Int64 {
        try await offPool { try sqlite.addList(named: name).id }
    }

    func addEvent(_ event: Event, exceptions: [(occurrence: String, movedTo: String?)]) async throws -> Int64 {
        try await offPool {
            let id = try sqlite.insertEvent(event).id
            for exception in exceptions {
                _ = try sqlite.setException(eventId: id, occurrence: exception.occurrence, movedTo: exception.movedTo, now: event.updatedAt)
            }
            return id
        }
    }

    func addAnnouncement(_ announcement: Announcement) async throws -> Int64 {
        try await offPool {
            try sqlite.createAnnouncement(announcement, now: announcement.createdAt) { _, _ in
                preconditionFailure("the fixture's announcements are due later than they are created")
            }.id
        }
    }

    func answer(memberId: Int64, eventId: Int64, occurrence: String, _ answer: RSVPAnswer.Answer) async throws {
        _ = try await offPool { try sqlite.recordRSVP(memberId: memberId, eventId: eventId, occurrence: occurrence, answer: answer) }
    }
}

/// The PostgreSQL store; members and holds are plain SQL on its pool (no member operations yet).
struct PostgresFixture: StoreFixture {
    let postgres: PostgresRelaisStore
    var store: any DaemonStore { postgres }
    var queue: OffPoolQueue { OffPoolQueue(store: postgres) }

    init(store: PostgresRelaisStore) {
        postgres = store
    }

    func addMember(_ email: String) async throws -> Int64 {
        let rows = try await postgres.client.query(
            """
            INSERT INTO "member" ("email", "name", "locale", "status", "unsubscribeToken", "createdAt", "updatedAt")
            VALUES (\(email), 'Member', 'fr', 'active', \(UUID().uuidString), now(), now()) RETURNING "id"
            """, logger: quietLogger)
        for try await id in rows.decode(Int64.self) { return id }
        throw StoreError(.database, "no id for \(email)")
    }

    func unsubscribe(_ email: String) async throws {
        try await postgres.client.query(
            #"UPDATE "member" SET "status" = 'unsubscribed', "updatedAt" = now() WHERE "email" = \#(email)"#, logger: quietLogger)
    }

    func memberStatus(_ email: String) async throws -> String? {
        let rows = try await postgres.client.query(#"SELECT "status" FROM "member" WHERE "email" = \#(email)"#, logger: quietLogger)
        for try await status in rows.decode(String.self) { return status }
        return nil
    }

    func hold(_ id: Int64) async throws {
        try await postgres.client.query(
            """
            UPDATE "queue" SET "state" = 'held', "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = now()
            WHERE "id" = \(id) AND "state" IN ('scheduled', 'queued', 'deferred', 'sending')
            """, logger: quietLogger)
    }

    func decline(memberId: Int64, occurrence: String) async throws -> Int64 {
        let rows = try await postgres.client.query(
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
        try await postgres.client.query(
            """
            INSERT INTO "rsvp" ("memberId", "eventId", "occurrence", "answer", "answeredAt")
            VALUES (\(memberId), \(eventId), \(occurrence), 'no', now())
            """, logger: quietLogger)
        return eventId
    }
}

import Foundation
import Logging
import PostgresNIO
import PostgresStore
import StoreModel

/// What the contract tests write on PostgreSQL besides the queue, as plain SQL on the store's
/// pool: members, lists, events, announcements and answers, as SQLite's operations write them.
extension PostgresFixture {
    func addMember(_ email: String, name: String, lists: [String]) async throws -> Int64 {
        let id = try await single(
            """
            INSERT INTO "member" ("email", "name", "locale", "status", "unsubscribeToken", "createdAt", "updatedAt")
            VALUES (\(email), \(name), 'fr', 'active', \(Member.makeToken()), now(), now()) RETURNING "id"
            """)
        for list in lists {
            try await postgres.client.query(
                """
                INSERT INTO "list" ("name", "createdAt") VALUES (\(list), now()) ON CONFLICT (lower("name")) DO NOTHING
                """, logger: quietLogger)
            try await postgres.client.query(
                """
                INSERT INTO "membership" ("memberId", "listId", "subscribed", "changedAt")
                SELECT \(id), "id", true, now() FROM "list" WHERE lower("name") = lower(\(list))
                """, logger: quietLogger)
        }
        return id
    }

    /// Adds `count` active members (`member<n>@example.org`) subscribed to `list`, made when missing.
    func addMembers(count: Int, list: String) async throws {
        try await postgres.client.query(
            #"INSERT INTO "list" ("name", "createdAt") VALUES (\#(list), now()) ON CONFLICT (lower("name")) DO NOTHING"#,
            logger: quietLogger)
        try await postgres.client.query(
            """
            WITH "added" AS (
              INSERT INTO "member" ("email", "name", "locale", "status", "unsubscribeToken", "createdAt", "updatedAt")
              SELECT 'member' || n || '@example.org', 'Member ' || n, 'fr', 'active', md5(random()::text || n), now(), now()
              FROM generate_series(1, \(count)) AS n
              RETURNING "id")
            INSERT INTO "membership" ("memberId", "listId", "subscribed", "changedAt")
            SELECT "added"."id", "list"."id", true, now() FROM "added", "list" WHERE lower("list"."name") = lower(\(list))
            """, logger: quietLogger)
    }

    func leaveList(_ email: String, list: String) async throws {
        try await postgres.client.query(
            """
            UPDATE "membership" SET "subscribed" = false, "changedAt" = now()
            WHERE "memberId" = (SELECT "id" FROM "member" WHERE "email" = \(email))
              AND "listId" = (SELECT "id" FROM "list" WHERE lower("name") = lower(\(list)))
            """, logger: quietLogger)
    }

    func addList(_ name: String) async throws -> Int64 {
        try await single(#"INSERT INTO "list" ("name", "createdAt") VALUES (\#(name), now()) RETURNING "id""#)
    }

    func addEvent(_ event: Event, exceptions: [(occurrence: String, movedTo: String?)]) async throws -> Int64 {
        let id = try await single(
            """
            INSERT INTO "event" ("uid", "titles", "descriptions", "startLocal", "timeZone", "rule", "durationSeconds", "lists",
              "reminders", "template", "location", "url", "sequence", "cancelled", "createdAt", "updatedAt")
            VALUES (\(event.uid), \(try json(event.titles))::jsonb, \(try json(event.descriptions))::jsonb, \(event.startLocal),
              \(event.timeZone), \(event.rule), \(event.durationSeconds), \(try json(event.lists))::jsonb,
              \(try json(event.reminders))::jsonb, \(event.template), \(event.location), \(event.url),
              \(event.sequence + exceptions.count), \(event.cancelled), \(event.createdAt), \(event.updatedAt))
            RETURNING "id"
            """)
        for exception in exceptions {
            try await postgres.client.query(
                """
                INSERT INTO "eventException" ("eventId", "occurrence", "movedTo", "createdAt")
                VALUES (\(id), \(exception.occurrence), \(exception.movedTo), \(event.updatedAt))
                """, logger: quietLogger)
        }
        return id
    }

    func addAnnouncement(_ announcement: Announcement) async throws -> Int64 {
        try await single(
            """
            INSERT INTO "announcement" ("template", "lists", "data", "dueAt", "state", "queuedCount", "createdAt", "eventId",
              "occurrence", "previous")
            VALUES (\(announcement.template), \(try json(announcement.lists))::jsonb, \(announcement.data), \(announcement.dueAt),
              \(announcement.state.rawValue), \(announcement.queuedCount), \(announcement.createdAt), \(announcement.eventId),
              \(announcement.occurrence), \(announcement.previous))
            RETURNING "id"
            """)
    }

    func answer(memberId: Int64, eventId: Int64, occurrence: String, _ answer: RSVPAnswer.Answer) async throws {
        try await postgres.client.query(
            """
            INSERT INTO "rsvp" ("memberId", "eventId", "occurrence", "answer", "answeredAt")
            VALUES (\(memberId), \(eventId), \(occurrence), \(answer.rawValue), now())
            ON CONFLICT ("eventId", "occurrence", "memberId") DO UPDATE SET "answer" = EXCLUDED."answer"
            """, logger: quietLogger)
    }

    /// The single `bigint` the statement returns.
    private func single(_ query: PostgresQuery) async throws -> Int64 {
        var value: Int64?
        for try await id in try await postgres.client.query(query, logger: quietLogger).decode(Int64.self) { value = id }
        guard let value else { throw StoreError(.database, "the statement returned no id") }
        return value
    }

    /// `value` as JSON text (cast to `jsonb` in the statement), as SQLite's records write it.
    private func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}

import Logging
import PostgresNIO
import PostgresStore
import RelaisTestSupport
import Testing

@Suite("PostgreSQL migrations", .postgresServer)
struct PostgresMigratorTests {
    @Test("migrating a new database applies v1-initial once; again, it does nothing")
    func appliesOnce() async throws {
        let connector = try connector(on: SharedPostgresServer.server)
        try await connector.withConnection(logger: quietLogger) { connection in
            let migrator = PostgresMigrator()
            let before = try await migrator.appliedMigrations(connection, logger: quietLogger)
            let first = try await migrator.migrate(connection, logger: quietLogger)
            let second = try await migrator.migrate(connection, logger: quietLogger)
            let after = try await migrator.appliedMigrations(connection, logger: quietLogger)
            let upToDate = try await migrator.isUpToDate(connection, logger: quietLogger)
            #expect(before == [])
            let names = PostgresSchema.migrations.map(\.name)
            #expect(names.first == "v1-initial")
            #expect(first == names)
            #expect(second == [])
            #expect(after == names)
            #expect(upToDate)
        }
    }

    @Test("the schema has SQLite's tables, plus per-daemon heartbeats and the claim indexes")
    func schemaShape() async throws {
        let connector = try connector(on: SharedPostgresServer.server)
        try await connector.withConnection(logger: quietLogger) { connection in
            try await PostgresMigrator().migrate(connection, logger: quietLogger)
            let tables = try await connection.text("""
                SELECT string_agg(tablename::text, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'
                """)
            #expect(tables == """
                announcement,attempt,event,eventException,heartbeat,inboundMail,list,member,memberChange,membership,\
                plannerState,queue,relais_migrations,rsvp,sendGrant,sendLimit,storeSecret,suppression
                """)
            let indexes = try await connection.text("""
                SELECT string_agg(indexdef, ' | ' ORDER BY indexname) FROM pg_indexes
                WHERE tablename = 'queue' AND indexname IN ('queue_on_state_nextAttemptAt', 'queue_due', 'queue_idempotencyKey_key')
                """)
            #expect(indexes?.contains(#"UNIQUE INDEX "queue_idempotencyKey_key" ON public.queue USING btree ("idempotencyKey")"#) == true)
            #expect(indexes?.contains(#"ON public.queue USING btree (state, "nextAttemptAt")"#) == true)
            #expect(indexes?.contains(#"WHERE (state = ANY (ARRAY['scheduled'::text, 'queued'::text, 'deferred'::text]))"#) == true)
            let heartbeatKey = try await connection.text("""
                SELECT string_agg(a.attname, ',') FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = 'heartbeat'::regclass AND i.indisprimary
                """)
            #expect(heartbeatKey == "instanceId")
        }
    }

    @Test("the queue refuses a second row with the same idempotency key; e-mail addresses are unique whatever their case")
    func uniqueness() async throws {
        let connector = try connector(on: SharedPostgresServer.server)
        try await connector.withConnection(logger: quietLogger) { connection in
            try await PostgresMigrator().migrate(connection, logger: quietLogger)
            let insert: (String) -> PostgresQuery = { messageId in
                """
                INSERT INTO queue ("idempotencyKey", kind, source, recipient, "recipientName", locale, template,
                                   "dueAt", state, "nextAttemptAt", "messageId", "createdAt", "updatedAt")
                VALUES ('announcement:1:1', 'announcement', 'announcement:1', 'ana@example.org', 'Ana', 'fr', 'news',
                        now(), 'queued', now(), \(messageId), now(), now())
                ON CONFLICT ("idempotencyKey") DO NOTHING
                """
            }
            try await connection.query(insert("<a@relais.test>"), logger: quietLogger)
            try await connection.query(insert("<b@relais.test>"), logger: quietLogger)
            #expect(try await connection.text("SELECT count(*)::text FROM queue") == "1")
            try await connection.query("""
                INSERT INTO member (email, name, locale, "unsubscribeToken", "createdAt", "updatedAt")
                VALUES ('Ana@Example.org', 'Ana', 'fr', 't1', now(), now())
                """, logger: quietLogger)
            await #expect(throws: PSQLError.self) {
                try await connection.query("""
                    INSERT INTO member (email, name, locale, "unsubscribeToken", "createdAt", "updatedAt")
                    VALUES ('ana@example.ORG', 'Ana', 'fr', 't2', now(), now())
                    """, logger: quietLogger)
            }
        }
    }

    @Test("two migrators started together apply each migration exactly once")
    func concurrentMigrators() async throws {
        let server = try SharedPostgresServer.server
        let connector = try connector(on: server)
        let migrator = PostgresMigrator(migrations: PostgresSchema.migrations + [
            PostgresMigration("v2-test-slow", ["SELECT pg_sleep(0.2)", #"CREATE TABLE "slow" (id integer)"#]),
        ])
        let first = try await connector.connect(logger: quietLogger)
        let second = try await connector.connect(logger: quietLogger)
        async let a = migrator.migrate(first, logger: quietLogger)
        async let b = migrator.migrate(second, logger: quietLogger)
        let applied = try await a + b
        let names = PostgresSchema.migrations.map(\.name) + ["v2-test-slow"]
        #expect(applied.sorted() == names.sorted())
        let recorded = try await first.text("SELECT string_agg(name, ',' ORDER BY applied_at, name) FROM relais_migrations")
        #expect(recorded == names.joined(separator: ","))
        try await first.close()
        try await second.close()
    }

    @Test("a database with a migration this program does not know is refused, unchanged")
    func newerSchemaRefused() async throws {
        let connector = try connector(on: SharedPostgresServer.server)
        try await connector.withConnection(logger: quietLogger) { connection in
            let newer = PostgresMigrator(migrations: [
                PostgresMigration("v1-initial", [#"CREATE TABLE "early" (id integer)"#]),
                PostgresMigration("v99-from-the-future", [#"CREATE TABLE "future" (id integer)"#]),
            ])
            try await newer.migrate(connection, logger: quietLogger)
            let error = try await #require(throws: PostgresStoreError.self) {
                try await PostgresMigrator().migrate(connection, logger: quietLogger)
            }
            #expect(error.kind == .schemaTooNew)
            #expect("\(error)".contains("migrated by a newer Relais (it has v99-from-the-future"))
            #expect(!"\(error)".contains("\n"))
            #expect(try await connection.text("SELECT to_regclass('queue')::text") == nil)
        }
    }

    @Test("a failing migration changes nothing and says which one failed")
    func failingMigrationRollsBack() async throws {
        let connector = try connector(on: SharedPostgresServer.server)
        try await connector.withConnection(logger: quietLogger) { connection in
            let broken = PostgresMigrator(migrations: PostgresSchema.migrations + [
                PostgresMigration("v2-broken", [#"CREATE TABLE "half" (id integer)"#, "CREATE TABLE queue (id integer)"]),
            ])
            let error = try await #require(throws: PostgresStoreError.self) {
                try await broken.migrate(connection, logger: quietLogger)
            }
            #expect(error.kind == .migration)
            #expect("\(error)".contains("migration v2-broken failed"))
            #expect("\(error)".contains("already exists"))
            let applied = try await PostgresMigrator().appliedMigrations(connection, logger: quietLogger)
            #expect(applied == [])
            #expect(try await connection.text("SELECT to_regclass('half')::text") == nil)
        }
    }
}

import Foundation
import RelaisTestSupport
import Testing

extension PostgresCLITests {
    /// The members every test of these commands starts from, in the SQLite installation's folder.
    static func membersCSV(_ twins: BackendTwins) -> String {
        twins.sqlite.directory.write("members.csv", """
            email,name,locale,lists
            ana@example.es,Ana,es,be;news
            bo@example.be,Bo,fr,be
            cy@example.fr,"Dupont, Cy",fr,news
            di@example.de,Di,de,be

            """)
    }

    @Test(.timeLimit(.minutes(8)))
    func eventCommandsSayTheSameOnBothBackends() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let twins = try BackendTwins(server)
        try twins.both(["member", "import", Self.membersCSV(twins), "--create-lists"])

        try twins.both([
            "event", "add", "--title", "fr=Petit-déjeuner", "--title", "en=Breakfast", "--title", "es=Desayuno", "--title", "de=Frühstück",
            "--description", "fr=Café et croissants", "--start", "2050-03-01T08:30", "--tz", "Europe/Brussels",
            "--rule", "FREQ=MONTHLY;BYDAY=1TU", "--duration", "90m", "--list", "be", "--remind", "7d", "--remind", "1d",
            "--location", "Rue Haute 1",
        ])
        try twins.both(["event", "add", "--title", "fr=Atelier", "--start", "2050-04-10T18:00", "--tz", "Europe/Brussels", "--list", "news"])
        try twins.both(["event", "add", "--title", "fr=Rien", "--start", "2050-04-10T18:00", "--tz", "Europe/Brussels", "--list", "nope"], status: 65)
        try twins.both(["event", "list"])
        try twins.both(["event", "list", "--json"])
        try twins.both(["event", "show", "1"])
        try twins.both(["event", "show", "2", "--json"])
        try twins.both(["event", "show", "99"], status: 65)
        try twins.both(["event", "occurrences", "1", "--limit", "3"])
        try twins.both(["event", "occurrences", "1", "--json"])
        try twins.both(["event", "occurrences", "1", "--limit", "0"], status: 65)

        // Changes that tell the members, each in one transaction with its notices.
        try twins.both(["event", "update", "1", "--location", "Rue Basse 2"])
        try twins.both(["event", "update", "1"], status: 64)
        try twins.both(["announce", "meetup-announcement", "--event", "1", "--occurrence", "2050-04-05T08:30", "--fallback"])
        try twins.both(["announce", "meetup-announcement", "--event", "1", "--occurrence", "2050-04-06T08:30", "--fallback"], status: 65)
        try twins.both(["event", "move", "1", "--occurrence", "2050-04-05T08:30", "--to", "2050-04-06T09:00"])
        try twins.both(["event", "cancel", "1", "--occurrence", "2050-05-03T08:30"])
        try twins.both(["event", "cancel", "1", "--occurrence", "2050-05-04T08:30"], status: 65)
        try twins.both(["event", "update", "2", "--title", "en=Workshop", "--no-notify"])
        try twins.both(["event", "show", "1", "--utc"])
        try twins.both(["queue", "list", "--json"])

        // What members answered (RSVP writes are the web endpoint's: here, straight in the databases).
        try twins.sql(
            sqlite: """
                INSERT INTO rsvp (memberId, eventId, occurrence, answer, answeredAt)
                SELECT id, 1, '2050-03-01T08:30:00', CASE email WHEN 'ana@example.es' THEN 'yes' ELSE 'no' END, '2049-12-01 10:00:00.000'
                FROM member WHERE email IN ('ana@example.es', 'bo@example.be')
                """,
            postgres: """
                INSERT INTO "rsvp" ("memberId", "eventId", "occurrence", "answer", "answeredAt")
                SELECT "id", 1, '2050-03-01T08:30:00', CASE "email" WHEN 'ana@example.es' THEN 'yes' ELSE 'no' END, '2049-12-01 10:00:00Z'
                FROM "member" WHERE "email" IN ('ana@example.es', 'bo@example.be')
                """)
        try twins.both(["event", "attendees", "1", "--utc"])
        try twins.both(["event", "attendees", "1", "--occurrence", "2050-03-01T08:30", "--json"])
        try twins.both(["event", "attendees", "1", "--occurrence", "2050-03-02T08:30"], status: 65)
        try twins.both(["event", "attendees", "2"])
        try twins.both(["event", "show", "1"])

        // Lists that events name follow a rename, and cannot be removed.
        try twins.both(["list", "rename", "be", "Brussels"])
        try twins.both(["list", "rename", "nope", "other"], status: 65)
        try twins.both(["list", "rename", "news", "brussels"], status: 65)
        try twins.both(["list", "remove", "brussels"], status: 65)
        try twins.both(["list", "add", "spare"])
        try twins.both(["list", "remove", "spare"])
        try twins.both(["list", "--json"])
        try twins.both(["event", "show", "1", "--json"])

        try twins.both(["event", "cancel", "1"])
        try twins.both(["event", "cancel", "2", "--no-notify"])
        try twins.both(["event", "list"])
        try twins.both(["queue", "list", "--state", "queued"])
        try twins.both(["event", "remove", "2"])
        try twins.both(["event", "remove", "2"], status: 65)
        try twins.both(["event", "list", "--json"])

        for output in twins.outputs { #expect(!output.contains(server.password)) }
    }

    @Test(.timeLimit(.minutes(4)))
    func aFailedNoticeLeavesTheEventUnchangedOnPostgreSQL() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let sandbox = try Self.postgresSandbox(server)
        let csv = sandbox.directory.write("members.csv", "email,name,locale,lists\nana@example.es,Ana,es,be\nbo@example.be,Bo,fr,be\n")
        #expect(try sandbox.ctl(["member", "import", csv, "--create-lists"]).status == 0)
        let added = try sandbox.ctl([
            "event", "add", "--title", "fr=Petit-déjeuner", "--start", "2050-03-01T08:30", "--tz", "Europe/Brussels",
            "--rule", "FREQ=MONTHLY;BYDAY=1TU", "--list", "be", "--location", "Rue Haute 1",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let database = try Self.databaseName(sandbox)
        func state() throws -> String {
            try server.psql(
                """
                SELECT "sequence" || '/' || "cancelled" FROM "event";
                SELECT "occurrence" || '→' || COALESCE("movedTo", 'cancelled') FROM "eventException" ORDER BY "occurrence";
                SELECT 'announcements ' || COUNT(*) FROM "announcement";
                SELECT 'rows ' || COUNT(*) FROM "queue";
                """, database: database)
        }
        let before = try state()
        // The fault: every insert of an announcement (the notices) fails, after the change was made.
        _ = try server.psql(
            """
            CREATE FUNCTION injected_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$;
            CREATE TRIGGER injected_fault BEFORE INSERT ON "announcement" FOR EACH ROW EXECUTE FUNCTION injected_fault();
            """, database: database)
        for arguments in [
            ["event", "cancel", "1", "--occurrence", "2050-04-05T08:30"],
            ["event", "cancel", "1"],
            ["event", "move", "1", "--occurrence", "2050-03-01T08:30", "--to", "2050-03-03T19:00"],
            ["event", "update", "1", "--location", "Rue Neuve 2"],
        ] {
            let result = try sandbox.ctl(arguments)
            #expect(result.status != 0, "\(arguments) should fail: \(result.stdout)")
            #expect(result.stderr.contains("injected fault") && result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains(server.password))
            #expect(try state() == before, "\(arguments) left a change behind")
        }

        _ = try server.psql(#"DROP TRIGGER injected_fault ON "announcement""#, database: database)
        let cancelled = try sandbox.ctl(["event", "cancel", "1", "--occurrence", "2050-04-05T08:30"])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        let after = try state()
        #expect(after.contains("2050-04-05T08:30:00→cancelled") && after.contains("announcements 1") && !after.contains("rows 0"), "\(after)")
    }
}

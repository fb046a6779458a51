import Foundation
import RelaisTestSupport
import Testing

extension PostgresCLITests {
    @Test(.timeLimit(.minutes(5)))
    func memberPrivacyReactivationPreviewAndSendTestSayTheSameOnBothBackends() throws {
        let server = try PostgresServer()
        defer { server.stop() }
        let twins = try BackendTwins(server)
        try twins.both(["member", "import", Self.membersCSV(twins), "--create-lists"])
        try twins.both(["member", "unsubscribe", "ana@example.es", "--list", "news"])
        try twins.both(["event", "add", "--title", "fr=Atelier", "--start", "2050-04-10T18:00", "--tz", "Europe/Brussels", "--list", "be", "--remind", "1d"])
        try twins.both(["announce", "meetup-announcement", "--event", "1", "--fallback"])

        try twins.both(["member", "export", "ANA@example.es"])
        try twins.both(["member", "export", "nobody@example.org"], status: 65)

        // Bounced by a relay's bad minute, then made active again.
        try twins.sql(
            sqlite: "UPDATE member SET status = 'bounced', bounceReply = '550 5.1.1 no such user', updatedAt = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE email IN ('bo@example.be', 'di@example.de')",
            postgres: #"UPDATE "member" SET "status" = 'bounced', "bounceReply" = '550 5.1.1 no such user', "updatedAt" = now() WHERE "email" IN ('bo@example.be', 'di@example.de')"#)
        try twins.both(["member", "reactivate", "BO@example.be"])
        try twins.both(["member", "reactivate", "bo@example.be", "--json"])
        try twins.both(["member", "reactivate", "nobody@example.org"], status: 65)
        try twins.both(["member", "reactivate", "--bounced-since", "1h", "--json"])
        try twins.both(["member", "show", "di@example.de", "--json"])

        // Previews read the member, the event and the announcement from the store.
        try twins.both(["preview", "newsletter", "--locale", "de"])
        try twins.both(["preview", "meetup-reminder", "--member", "ana@example.es", "--event", "1", "--remind", "1d", "--format", "summary"])
        try twins.both(["preview", "meetup-announcement", "--member", "bo@example.be", "--announcement", "1", "--format", "text"])
        try twins.both(["preview", "welcome", "--member", "cy@example.fr", "--format", "eml", "--message-id", "<preview@mompreneurs.example>", "--date", "2050-01-01T10:00:00Z"])
        try twins.both(["preview", "meetup-reminder", "--member", "nobody@example.org", "--locale", "fr"], status: 65)
        try twins.both(["preview", "meetup-reminder", "--locale", "fr", "--event", "9"], status: 65)

        // send-test through the file transport (the ledger read for the limits on each backend).
        try twins.both(["send-test", "newsletter", "--to", "ana@example.es", "--locale", "es"])
        try twins.both(["send-test", "newsletter", "--to", "not an address"], status: 65)

        try twins.both(["member", "forget", "ana@example.es"])
        try twins.both(["member", "export", "ana@example.es"], status: 65)
        try twins.both(["queue", "list", "--json"])

        for output in twins.outputs { #expect(!output.contains(server.password)) }
    }
}

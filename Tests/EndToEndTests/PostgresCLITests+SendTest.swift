import Foundation
import RelaisTestSupport
import Testing

extension PostgresCLITests {
    @Test(.timeLimit(.minutes(3)))
    func sendTestOnPostgreSQLTakesItsShareOfTheDaemonsLimits() throws {
        let postgresServer = try PostgresServer()
        defer { postgresServer.stop() }
        let password = SendTestTests.password
        let smtp = try SendTestTests().tlsServer()
        defer { smtp.stop() }
        let database = try postgresServer.createDatabase()
        let sandbox = Sandbox(
            extraYAML: """
                delivery:
                  transport: smtp
                  smtp:
                    url: smtp://127.0.0.1:\(smtp.port)
                    tls: required
                    ca_file: \(TestCertificates.shared.caFile)
                    username: relais
                    password_file: smtp-password
                    helo: relais.test
                    timeout: 20s
                    per_hour: 100
                """,
            storeYAML: "url: \(postgresServer.url(database: database))\n  password_file: \(postgresServer.writePasswordFile())")
        sandbox.directory.write("smtp-password", password + "\n")

        let result = try sandbox.ctl(["send-test", "newsletter", "--to", "ana@example.org", "--locale", "es"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "250 2.0.0 OK queued as 1\n")
        let records = try smtp.records()
        #expect(records.count == 1 && records.first?.rcpt_tos == ["ana@example.org"] && records.first?.authenticated == true)
        // The message took its share of the limits the daemons keep in the database.
        #expect(try postgresServer.psql(#"SELECT COUNT(*) FROM "sendGrant""#, database: database) == "1")
        #expect(!result.stderr.contains(postgresServer.password) && !result.stdout.contains(postgresServer.password))
        #expect(!result.stderr.contains(password) && !result.stdout.contains(password))
    }
}

import PostgresStore
import Testing

@Suite("store.url for PostgreSQL")
struct PostgresLocationTests {
    @Test("a full URL gives host, port, user, database and TLS mode")
    func parsesFullURL() throws {
        let location = try PostgresLocation(url: "postgres://relais@db.example.org:6543/mail?sslmode=require")
        #expect(location.endpoint == .tcp(host: "db.example.org", port: 6543))
        #expect(location.user == "relais")
        #expect(location.database == "mail")
        #expect(location.tlsMode == .require)
        #expect(location.caFile == nil)
        #expect(!location.hasURLPassword)
        #expect("\(location)" == "postgres://relais@db.example.org:6543/mail?sslmode=require")
    }

    @Test("postgresql:// is accepted; the port defaults to 5432 and sslmode to verify-full")
    func defaults() throws {
        let location = try PostgresLocation(url: "postgresql://relais@db.example.org/relais?sslrootcert=/etc/relais/ca.pem")
        #expect(location.endpoint == .tcp(host: "db.example.org", port: 5432))
        #expect(location.tlsMode == .verifyFull)
        #expect(location.caFile == "/etc/relais/ca.pem")
    }

    @Test("host=/directory connects through the unix socket, without TLS")
    func unixSocket() throws {
        let location = try PostgresLocation(url: "postgres://relais@/relais?host=/run/postgresql")
        #expect(location.endpoint == .unixSocket(directory: "/run/postgresql", port: 5432))
        #expect(location.tlsMode == .disable)
    }

    @Test("each mistake is one line naming store.url and what is wrong", arguments: [
        ("mysql://relais@db/relais", "scheme"),
        ("db.example.org/relais", "not a URL"),
        ("postgres://db.example.org/relais", "no user"),
        ("postgres://relais@db.example.org", "no database"),
        ("postgres://relais@db.example.org/", "no database"),
        ("postgres://relais@/relais?sslmode=disable", "no host"),
        ("postgres://relais@db.example.org/relais?sslmode=prefer", "sslmode must be"),
        ("postgres://relais@db.example.org/relais?timeout=3", "unknown parameter timeout"),
        ("postgres://relais@db.example.org:70000/relais", "port"),
        ("postgres://relais@10.0.0.5/relais", "needs a host name"),
        ("postgres://relais@db.example.org/relais?sslmode=require&sslrootcert=/ca.pem", "sslrootcert is only used"),
        ("postgres://relais@db.example.org/relais?host=/run/postgresql", "both a host and a socket"),
    ])
    func errorsNameTheKey(url: String, expected: String) throws {
        let error = try #require(throws: PostgresStoreError.self) { try PostgresLocation(url: url) }
        let text = "\(error)"
        #expect(error.kind == .configuration)
        #expect(error.key == "store.url")
        #expect(text.hasPrefix("store.url: "))
        #expect(text.contains(expected))
        #expect(!text.contains("\n"))
    }

    @Test("a password in the URL is never shown: not in the description, a dump, or an error")
    func passwordNeverShown() throws {
        let secret = "s3cr3t-in-url"
        let location = try PostgresLocation(url: "postgres://relais:\(secret)@db.example.org/relais")
        #expect(location.hasURLPassword)
        #expect(!"\(location)".contains(secret))
        var dumped = ""
        dump(location, to: &dumped)
        #expect(!dumped.contains(secret))
        let password = try #require(try PostgresPassword.resolve(passwordFile: nil, location: location, environment: [:]))
        #expect(password.source == .url)
        #expect(!"\(password)".contains(secret) && !String(reflecting: password).contains(secret))
        for bad in [
            "postgres://relais:\(secret)@db.example.org/relais?sslmode=bogus",
            "postgres://relais:\(secret)@db.example.org/relais?what=ever",
            "postgres://relais:\(secret)@10.1.2.3/relais",
            "postgres://relais:\(secret)@db.example.org",
            "postgres://relais:\(secret)@db ex ample/relais",
        ] {
            do {
                _ = try PostgresLocation(url: bad)
                Issue.record("accepted a bad URL")
            } catch {
                #expect(!"\(error)".contains(secret))
                #expect("\(error)".hasPrefix("store.url: "))
            }
        }
    }
}

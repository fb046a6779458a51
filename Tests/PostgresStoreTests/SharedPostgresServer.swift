import Logging
import PostgresNIO
import PostgresStore
import RelaisTestSupport
import Testing

/// One PostgreSQL server for a whole suite (`@Suite(.postgresServer)`), started before its first
/// test and stopped after its last; each test makes its own database on it.
struct SharedPostgresServer: SuiteTrait, TestScoping {
    /// With TLS (`ssl = on`, the shared test certificates).
    let tls: Bool

    /// The suite's server, for the tests running inside the trait's scope.
    @TaskLocal static var current: PostgresServer?

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try PostgresServer(certificates: tls ? TestCertificates.shared : nil)
        defer { server.stop() }
        try await Self.$current.withValue(server) { try await function() }
    }

    /// The server of the running suite.
    static var server: PostgresServer {
        get throws {
            guard let current else { throw PostgresServer.Failure(description: "the suite has no .postgresServer trait") }
            return current
        }
    }
}

extension Trait where Self == SharedPostgresServer {
    /// A PostgreSQL server shared by the suite's tests.
    static var postgresServer: Self { SharedPostgresServer(tls: false) }
    /// A PostgreSQL server with `ssl = on`, shared by the suite's tests.
    static var postgresServerWithTLS: Self { SharedPostgresServer(tls: true) }
}

/// A logger that prints nothing (the tests look at values, not log lines).
let quietLogger = Logger(label: "relais.test.postgres") { _ in SwiftLogNoOpLogHandler() }

/// Runs `body`, failing with a clear error if it has not finished within `seconds` (a safety
/// net against a hang, not a timing assertion).
func withDeadline<Result: Sendable>(
    seconds: Double = 30, _ body: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let result = first else {
            throw PostgresServer.Failure(description: "did not finish within \(seconds) s")
        }
        return result
    }
}

/// A connector for a fresh database on `server`, logging in with the password from a file.
func connector(on server: PostgresServer, database: String? = nil) throws -> PostgresConnector {
    let name = try database ?? server.createDatabase()
    return try PostgresConnector(url: server.url(database: name), passwordFile: server.writePasswordFile(), environment: [:])
}

extension PostgresConnection {
    /// The single text value a query returns.
    func text(_ query: PostgresQuery) async throws -> String? {
        var value: String?
        for try await text in try await self.query(query, logger: quietLogger).decode(String?.self) { value = text }
        return value
    }
}

import Logging
import RelaisTestSupport
import Testing

/// One PostgreSQL server for the contract suite (`@Suite(.postgresServer)`), started before its
/// first test and stopped after its last; each PostgreSQL case makes its own database on it.
struct SharedPostgresServer: SuiteTrait, TestScoping {
    /// The suite's server, for the tests running inside the trait's scope.
    @TaskLocal static var current: PostgresServer?

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try PostgresServer()
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
    static var postgresServer: Self { SharedPostgresServer() }
}

/// A logger that prints nothing (the tests look at values, not log lines).
let quietLogger = Logger(label: "relais.test.contract") { _ in SwiftLogNoOpLogHandler() }

import Foundation
import Logging
import PostgresNIO
import Synchronization

/// Makes connections to the store's PostgreSQL server: a single ``PostgresConnection`` (the
/// migrator, the LISTEN connection) or the configuration of a pooled ``PostgresClient``.
///
/// TLS follows ``PostgresLocation/tlsMode``: `disable` sends everything in clear; `require`
/// encrypts without checking the certificate; `verify-full` checks the chain (against
/// `sslrootcert`, else the system's CAs) and that the certificate names the URL's host. Failures
/// are thrown as one-line ``PostgresStoreError``s that name `store.url` and never the password.
public struct PostgresConnector: Sendable {
    /// Where the server is.
    public let location: PostgresLocation
    /// The password, if any; shown only as its source.
    public let password: PostgresPassword?
    /// The TLS settings, made once (the CA file is read here).
    private let tlsConfiguration: TLSConfiguration?
    private let sslContext: NIOSSLContext?

    private static let nextConnectionID = Atomic<Int>(1)

    /// A connector for `location` with `password`; reads the CA file of `verify-full` now, so a
    /// missing or unreadable one is reported at start-up, naming `store.url`.
    public init(location: PostgresLocation, password: PostgresPassword?) throws(PostgresStoreError) {
        self.location = location
        self.password = password
        switch location.tlsMode {
        case .disable:
            tlsConfiguration = nil
            sslContext = nil
        case .require, .verifyFull:
            var tls = TLSConfiguration.makeClientConfiguration()
            if location.tlsMode == .require {
                tls.certificateVerification = .none
            } else {
                tls.certificateVerification = .fullVerification
                if let caFile = location.caFile {
                    guard FileManager.default.isReadableFile(atPath: caFile) else {
                        throw PostgresStoreError(.configuration, key: PostgresLocation.key, "sslrootcert \(caFile) cannot be read")
                    }
                    tls.trustRoots = .file(caFile)
                }
            }
            do {
                sslContext = try NIOSSLContext(configuration: tls)
            } catch {
                throw PostgresStoreError(
                    .configuration, key: PostgresLocation.key,
                    "cannot set up TLS\(location.caFile.map { " with sslrootcert \($0)" } ?? ""): \(error)")
            }
            tlsConfiguration = tls
        }
    }

    /// Parses `url`, finds the password (``PostgresPassword/resolve(passwordFile:location:environment:)``)
    /// and makes the connector: what relaisd and relaisctl call with `store.url` and `store.password_file`.
    public init(
        url: String, passwordFile: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PostgresStoreError) {
        let location = try PostgresLocation(url: url)
        try self.init(
            location: location,
            password: try PostgresPassword.resolve(passwordFile: passwordFile, location: location, environment: environment))
    }

    /// The configuration of one connection.
    public var connectionConfiguration: PostgresConnection.Configuration {
        connectionConfiguration(applicationName: Self.applicationName)
    }

    /// The `application_name` Relais's connections show in `pg_stat_activity`.
    public static let applicationName = "relais"

    /// The configuration of one connection named `applicationName` in `pg_stat_activity`.
    func connectionConfiguration(applicationName: String) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch location.endpoint {
        case .tcp(let host, let port):
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: location.user, password: password?.value,
                database: location.database, tls: sslContext.map { .require($0) } ?? .disable)
        case .unixSocket(let directory, let port):
            configuration = PostgresConnection.Configuration(
                unixSocketPath: Self.socketPath(directory: directory, port: port), username: location.user,
                password: password?.value, database: location.database)
        }
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        return configuration
    }

    /// The configuration of a connection pool (``PostgresClient``), with the same server, user,
    /// password and TLS as ``connectionConfiguration``.
    public var clientConfiguration: PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        switch location.endpoint {
        case .tcp(let host, let port):
            configuration = PostgresClient.Configuration(
                host: host, port: port, username: location.user, password: password?.value,
                database: location.database, tls: tlsConfiguration.map { .require($0) } ?? .disable)
        case .unixSocket(let directory, let port):
            configuration = PostgresClient.Configuration(
                unixSocketPath: Self.socketPath(directory: directory, port: port), username: location.user,
                password: password?.value, database: location.database)
        }
        configuration.options.additionalStartupParameters = [("application_name", Self.applicationName)]
        return configuration
    }

    /// `<directory>/.s.PGSQL.<port>`, the name PostgreSQL gives its socket.
    static func socketPath(directory: String, port: Int) -> String {
        (directory as NSString).appendingPathComponent(".s.PGSQL.\(port)")
    }

    /// Opens a connection; a failure is a ``PostgresStoreError`` (unavailable, authentication,
    /// tls or configuration) naming `store.url`, the server's location and what went wrong.
    public func connect(logger: Logger) async throws(PostgresStoreError) -> PostgresConnection {
        try await connect(logger: logger, applicationName: Self.applicationName)
    }

    /// Opens a connection named `applicationName` in `pg_stat_activity` (`relais-listener`).
    func connect(logger: Logger, applicationName: String) async throws(PostgresStoreError) -> PostgresConnection {
        let id = Self.nextConnectionID.add(1, ordering: .relaxed).oldValue
        do {
            return try await PostgresConnection.connect(
                configuration: connectionConfiguration(applicationName: applicationName), id: id, logger: logger)
        } catch {
            throw describe(error)
        }
    }

    /// Opens a connection, runs `body` with it and closes it, whether `body` throws or not.
    public func withConnection<Result: Sendable>(
        logger: Logger, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await connect(logger: logger)
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

import Foundation

/// A real PostgreSQL server for tests: a throwaway cluster (`initdb`) in a temporary folder,
/// run in the foreground on a random loopback port (`listen_addresses = 127.0.0.1`), with its
/// unix socket in the same folder, and killed (immediate shutdown, then SIGKILL) with the folder
/// when ``stop()`` is called or the value goes away.
///
/// The superuser `postgres` logs in over the socket without a password (`trust`, for the fixture
/// itself); TCP logins need a SCRAM password (`scram-sha-256` in pg_hba.conf). The role ``user``
/// with ``password`` owns the databases ``createDatabase(_:)`` makes, one per test.
///
/// The binaries are Debian's (`/usr/lib/postgresql/<version>/bin`, the highest version found;
/// `scripts/install-deps.sh test` installs them). `initdb` and `postgres` refuse to run as root:
/// when the tests run as root (CI), they run as `nobody` through `setpriv`, and the folder is
/// handed to `nobody`. Made with certificates, the server also has `ssl = on` (TCP connections
/// may then use TLS; it does not require it).
public final class PostgresServer: @unchecked Sendable {
    /// Why the fixture could not start or use the server.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with the server's last log lines when they help.
        public let description: String

        /// A failure saying `description`.
        public init(description: String) { self.description = description }
    }

    /// The role the tests log in as.
    public let user = "relais"
    /// Its password (a test value, never a real secret).
    public let password = "pg-test-password-7c1e"
    /// The loopback TCP port.
    public private(set) var port = 0
    /// The certificates the server presents, when it has TLS.
    public let certificates: TestCertificates?
    /// The PostgreSQL binaries used (`/usr/lib/postgresql/15/bin`).
    public let binDirectory: String

    let directory = TemporaryDirectory("relais-postgres")
    private var process: RunningProcess?
    private let lock = NSLock()
    private var databases = 0
    /// The user `initdb` and `postgres` run as when the tests run as root: nobody.
    private let serverUID: uid_t?
    private let serverGID: gid_t?

    /// The directory holding the server's unix socket.
    public var socketDirectory: String { directory.file("socket") }

    /// The cluster's data directory.
    public var dataDirectory: String { directory.file("data") }

    /// The directory of the highest PostgreSQL version installed under `/usr/lib/postgresql`.
    public static func findBinDirectory() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .filter { FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/postgres") }
            .sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
        guard let version = versions.last else {
            throw Failure(description: "PostgreSQL is not installed (no \(root)/*/bin/postgres): run scripts/install-deps.sh test")
        }
        return "\(root)/\(version)/bin"
    }

    /// A loopback TCP port free at the time of the call.
    public static func freePort() throws -> Int { try DovecotServer.freePort() }

    /// True when a PostgreSQL server is installed.
    public static var isInstalled: Bool { (try? findBinDirectory()) != nil }

    /// Makes a cluster, starts it and waits (polling `pg_isready` until a deadline) until it
    /// accepts connections, then creates ``user``. With `certificates`, the server has
    /// `ssl = on` and presents `certificates.certFile` (or the `mail.example.org` certificate
    /// when `presentingOtherHost`).
    public init(certificates: TestCertificates? = nil, presentingOtherHost: Bool = false) throws {
        self.certificates = certificates
        binDirectory = try Self.findBinDirectory()
        let root = getuid() == 0
        serverUID = root ? 65534 : nil
        serverGID = root ? 65534 : nil
        chmod(directory.path, 0o700)
        try FileManager.default.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true)
        let superuserPassword = directory.write("superuser-password", UUID().uuidString + "\n")
        var settings = [
            "listen_addresses=127.0.0.1", "unix_socket_directories=\(socketDirectory)",
            "fsync=off", "synchronous_commit=off", "full_page_writes=off",
            "shared_buffers=16MB", "max_connections=60", "log_min_messages=warning",
        ]
        if let certificates {
            let cert = try copyForServer(presentingOtherHost ? certificates.otherHostCertFile : certificates.certFile, as: "server.crt")
            let key = try copyForServer(presentingOtherHost ? certificates.otherHostKeyFile : certificates.keyFile, as: "server.key")
            chmod(key, 0o600)
            settings += ["ssl=on", "ssl_cert_file=\(cert)", "ssl_key_file=\(key)"]
        }
        for path in [directory.path, socketDirectory, superuserPassword] { handToServer(path) }

        let initdb = try run(asServer: true, "initdb", [
            "-D", dataDirectory, "-U", "postgres", "--pwfile=\(superuserPassword)", "-E", "UTF8", "--locale=C",
            "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync",
        ])
        guard initdb.status == 0 else { throw Failure(description: "initdb failed: \(initdb.stderr.suffix(800))") }

        var lastLog = ""
        for _ in 0..<5 {
            port = try Self.freePort()
            let arguments = ["-D", dataDirectory, "-p", "\(port)"] + settings.flatMap { ["-c", $0] }
            let process = try start("postgres", arguments)
            if try waitUntilReady(process) {
                self.process = process
                try psql("CREATE ROLE \(user) LOGIN PASSWORD '\(password)'")
                return
            }
            process.stop(signal: SIGKILL)
            lastLog = process.stderr.suffix(15).joined(separator: "\n")
        }
        throw Failure(description: "postgres did not start: \(lastLog)")
    }

    deinit { stop() }

    /// Stops the server at once (immediate shutdown, SIGKILL if it lingers) and removes its folder.
    public func stop() {
        lock.lock()
        let running = process
        process = nil
        lock.unlock()
        if let running, running.process.isRunning {
            kill(running.process.processIdentifier, SIGQUIT)
            let deadline = Date().addingTimeInterval(10)
            while running.process.isRunning, Date() < deadline { usleep(20_000) }
            if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) }
            running.process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory.path)
    }

    /// Creates a database owned by ``user`` (a fresh name unless given) and returns its name.
    @discardableResult
    public func createDatabase(_ name: String? = nil) throws -> String {
        lock.lock()
        databases += 1
        let database = name ?? "relais_test_\(databases)"
        lock.unlock()
        try psql("CREATE DATABASE \(database) OWNER \(user)")
        return database
    }

    /// `postgres://relais@127.0.0.1:<port>/<database>?sslmode=<sslmode>`, without a password.
    public func url(database: String, host: String = "127.0.0.1", sslmode: String = "disable", extra: String = "") -> String {
        "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(sslmode)\(extra)"
    }

    /// Writes ``password`` (with a trailing newline, as `echo` does) to a file readable only by
    /// its owner and returns its path.
    public func writePasswordFile(_ text: String? = nil) -> String {
        let path = directory.write("password-\(UUID().uuidString)", (text ?? password) + "\n")
        chmod(path, 0o600)
        return path
    }

    /// Runs `sql` as the superuser over the unix socket (`psql -v ON_ERROR_STOP=1`) and returns
    /// what it printed (unaligned, tuples only). The SQL goes on stdin, so no process listing shows it.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let result = try run(asServer: false, "psql", [
            "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory, "-p", "\(port)",
            "-U", "postgres", "-d", database,
        ], input: Data(sql.utf8))
        guard result.status == 0 else {
            throw Failure(description: "psql failed: \(result.stderr.replacingOccurrences(of: password, with: "***").suffix(800))")
        }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The server's log lines so far (its stderr).
    public var log: [String] { process?.stderr ?? [] }

    // MARK: - Running the binaries

    /// `setpriv` arguments that run a program as the server's user, or nothing when not root.
    private var asServerUser: [String] {
        guard let serverUID, let serverGID else { return [] }
        return ["--reuid=\(serverUID)", "--regid=\(serverGID)", "--clear-groups", "--"]
    }

    private var environment: [String: String] {
        ["PATH": "/usr/bin:/bin", "LC_ALL": "C", "LANG": "C", "HOME": directory.path, "PGAPPNAME": "relais-test-fixture"]
    }

    private func run(asServer: Bool, _ program: String, _ arguments: [String], input: Data? = nil) throws -> ProcessResult {
        let binary = "\(binDirectory)/\(program)"
        if asServer, !asServerUser.isEmpty {
            return try ProcessRunner.run("/usr/bin/setpriv", asServerUser + [binary] + arguments, environment: environment, input: input)
        }
        return try ProcessRunner.run(binary, arguments, environment: environment, input: input)
    }

    /// Starts a long-running program as the server's user; `setpriv` execs it, so the process is the server.
    private func start(_ program: String, _ arguments: [String]) throws -> RunningProcess {
        let binary = "\(binDirectory)/\(program)"
        if asServerUser.isEmpty { return try RunningProcess(binary, arguments, environment: environment) }
        return try RunningProcess("/usr/bin/setpriv", asServerUser + [binary] + arguments, environment: environment)
    }

    /// Polls `pg_isready` over TCP until it answers "accepting connections", with a 60 s deadline;
    /// false when the server died first (a port taken meanwhile).
    private func waitUntilReady(_ process: RunningProcess) throws -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard process.process.isRunning else { return false }
            let ready = try run(asServer: false, "pg_isready", ["-q", "-h", "127.0.0.1", "-p", "\(port)", "-t", "2"])
            if ready.status == 0 { return true }
            usleep(50_000)
        }
        return false
    }

    /// Gives `path` to the server's user (when running as root).
    private func handToServer(_ path: String) {
        if let serverUID, let serverGID { chown(path, serverUID, serverGID) }
    }

    /// Copies a certificate or key into the cluster's folder, owned by the server's user.
    private func copyForServer(_ source: String, as name: String) throws -> String {
        let target = directory.file(name)
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: source, toPath: target)
        handToServer(target)
        return target
    }
}

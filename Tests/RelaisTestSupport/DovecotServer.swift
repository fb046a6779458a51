import Foundation

/// A real IMAP server for one test: Dovecot (`dovecot-imapd`) configured in a temporary folder
/// (its own dovecot.conf, base_dir, a passwd-file with one user, a Maildir, `/` as hierarchy
/// separator), listening on a random loopback port. Plain text (`tls: none` on the client side)
/// unless made with certificates: then `ssl = required` (no login before TLS) with an `imaps`
/// listener on a second port as well. Run in the foreground (`dovecot -F`) and killed with
/// SIGKILL when the value goes away.
public final class DovecotServer: @unchecked Sendable {
    /// The user the tests log in as.
    public let user = "bounces"
    /// Its password (a test value, never a real secret).
    public let password = "imap-test-password"
    /// The loopback port (IMAP, STARTTLS offered when made with certificates).
    public private(set) var port = 0
    /// The loopback port of implicit TLS (`imaps`); 0 without certificates.
    public private(set) var tlsPort = 0
    /// The certificates the server presents, when it speaks TLS.
    public let certificates: TestCertificates?
    /// The capabilities announced instead of Dovecot's own (`imap_capability`), to play an older server.
    public let capabilities: String?
    let directory = TemporaryDirectory("relais-dovecot")
    private var process: RunningProcess?
    private var sequence = 0
    /// The owner of the mail files: the current user, or `nobody` when the tests run as root
    /// (Dovecot refuses to run a mail process as root).
    let mailUID: uid_t
    let mailGID: gid_t

    /// The user's Maildir.
    public var maildir: String { directory.file("mail/\(user)/Maildir") }

    /// `imap://127.0.0.1:port/INBOX`.
    public var url: String { "imap://127.0.0.1:\(port)/INBOX" }

    /// `imaps://127.0.0.1:tlsPort/INBOX` (only with certificates).
    public var imapsURL: String { "imaps://127.0.0.1:\(tlsPort)/INBOX" }

    /// Dovecot's log file (logins, errors).
    public var logFile: String { directory.file("dovecot.log") }

    /// How many times the test user has logged in so far (Dovecot logs each login).
    public var loginCount: Int {
        let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        return log.components(separatedBy: "Login: user=<\(user)>").count - 1
    }

    /// True when `/usr/sbin/dovecot` is installed (scripts/install-deps.sh test installs it).
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: "/usr/sbin/dovecot") }

    /// Starts Dovecot and waits (with a deadline) until it accepts connections. With
    /// `certificates`, it requires TLS (STARTTLS on ``port``, implicit on ``tlsPort``);
    /// `capabilities` replaces the capability list it announces.
    public init(certificates: TestCertificates? = nil, capabilities: String? = nil) throws {
        self.certificates = certificates
        self.capabilities = capabilities
        let root = getuid() == 0
        mailUID = root ? 65534 : getuid()
        mailGID = root ? 65534 : getgid()
        chmod(directory.path, 0o755)
        for folder in ["base", "state", "mail/\(user)/Maildir/new", "mail/\(user)/Maildir/cur", "mail/\(user)/Maildir/tmp"] {
            try FileManager.default.createDirectory(atPath: directory.file(folder), withIntermediateDirectories: true)
        }
        for folder in ["mail", "mail/\(user)", "mail/\(user)/Maildir", "mail/\(user)/Maildir/new", "mail/\(user)/Maildir/cur", "mail/\(user)/Maildir/tmp"] {
            chown(directory.file(folder), mailUID, mailGID)
        }
        directory.write("users", "\(user):{PLAIN}\(password)\n")
        var lastError = ""
        for _ in 0..<5 {
            port = try Self.freePort()
            tlsPort = certificates == nil ? 0 : try Self.freePort()
            directory.write("dovecot.conf", configuration(root: root))
            let process = try RunningProcess("/usr/sbin/dovecot", ["-F", "-c", directory.file("dovecot.conf")])
            if Self.waitUntilListening(port: port, process: process),
               tlsPort == 0 || Self.waitUntilListening(port: tlsPort, process: process) {
                self.process = process
                return
            }
            kill(process.process.processIdentifier, SIGKILL)
            process.process.waitUntilExit()
            lastError = (try? String(contentsOfFile: directory.file("dovecot.log"), encoding: .utf8)) ?? ""
        }
        throw SMTPTestServer.ServerError(message: "dovecot did not start: \(lastError.suffix(800))")
    }

    deinit {
        if let process, process.process.isRunning {
            kill(process.process.processIdentifier, SIGKILL)
            process.process.waitUntilExit()
        }
    }

    private func configuration(root: Bool) -> String {
        let me = String(cString: getpwuid(getuid()).pointee.pw_name)
        let group = String(cString: getgrgid(getgid()).pointee.gr_name)
        return """
            protocols = imap
            listen = 127.0.0.1
            base_dir = \(directory.file("base"))
            state_dir = \(directory.file("state"))
            log_path = \(directory.file("dovecot.log"))
            \(tlsSettings)
            auth_mechanisms = plain login
            default_internal_user = \(root ? "dovecot" : me)
            default_internal_group = \(root ? "dovecot" : group)
            default_login_user = \(root ? "dovenull" : me)
            mail_location = maildir:\(directory.file("mail"))/%u/Maildir
            first_valid_uid = 1
            \(capabilities.map { "imap_capability = \($0)" } ?? "")
            namespace inbox {
              inbox = yes
              separator = /
            }
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u \(directory.file("users"))
            }
            userdb {
              driver = static
              args = uid=\(mailUID) gid=\(mailGID) home=\(directory.file("mail"))/%u
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = \(port)
              }
              inet_listener imaps {
                address = 127.0.0.1
                port = \(tlsPort)
              }
            }
            service anvil {
              chroot =
            }

            """
    }

    /// `ssl = required` with the test certificates, or no TLS at all.
    private var tlsSettings: String {
        guard let certificates else { return "ssl = no\ndisable_plaintext_auth = no" }
        return """
            ssl = required
            ssl_cert = <\(certificates.certFile)
            ssl_key = <\(certificates.keyFile)
            disable_plaintext_auth = yes
            """
    }

    /// Drops a message into `Maildir/new` as a delivery agent would (unread, no flags); returns its file name.
    @discardableResult
    public func deliver(_ bytes: [UInt8], name: String? = nil) throws -> String {
        sequence += 1
        let base = name ?? "\(Int(Date().timeIntervalSince1970)).M\(sequence)P\(getpid()).relais-test"
        let temporary = maildir + "/tmp/" + base
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw SMTPTestServer.ServerError(message: "cannot write \(temporary)")
        }
        chown(temporary, mailUID, mailGID)
        try FileManager.default.moveItem(atPath: temporary, toPath: maildir + "/new/" + base)
        return base
    }

    /// The Maildir flags of the message delivered as `name` (`""` unread without flags, `"S"`
    /// seen, `"Sa"` seen with the first keyword…); nil when it is no longer there.
    public func maildirFlags(_ name: String) -> String? {
        if FileManager.default.fileExists(atPath: maildir + "/new/" + name) { return "" }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: maildir + "/cur")) ?? []
        guard let file = files.first(where: { $0 == name || $0.hasPrefix(name + ":") || $0.hasPrefix(name + ",") }) else { return nil }
        guard let info = file.range(of: ":2,") else { return "" }
        return String(file[info.upperBound...])
    }

    /// The base names of the messages in `folder` (`Relais/Processed`: Maildir++ `.Relais.Processed`), read or not.
    public func messages(inFolder folder: String) -> [String] {
        Self.baseNames(in: maildir + "/." + folder.replacingOccurrences(of: "/", with: "."))
    }

    /// The base names of the messages in INBOX.
    public var inboxMessages: [String] { Self.baseNames(in: maildir) }

    /// The file names in `path`'s `new` and `cur`, without the `:2,FLAGS` info part.
    static func baseNames(in path: String) -> [String] {
        var names: [String] = []
        for sub in ["new", "cur"] {
            let files: [String] = (try? FileManager.default.contentsOfDirectory(atPath: path + "/" + sub)) ?? []
            for file in files {
                let base: Substring = file.split(separator: ":", maxSplits: 1).first ?? Substring(file)
                names.append(String(base))
            }
        }
        return names
    }

    /// The keywords Dovecot has assigned letters to (`dovecot-keywords`: `0 $RelaisProcessed` → a).
    public func keywordLetter(_ keyword: String) -> String? {
        guard let text = try? String(contentsOfFile: maildir + "/dovecot-keywords", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[1] == keyword, let index = Int(parts[0]), index < 26 {
                return String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index)))
            }
        }
        return nil
    }

    static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw SMTPTestServer.ServerError(message: "socket: \(errno)") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 && getsockname(socket, pointer, &length) == 0
            }
        }
        guard bound else { throw SMTPTestServer.ServerError(message: "bind: \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Polls a TCP connect to `port` for up to 20 s; false when the process died or never listened.
    static func waitUntilListening(port: Int, process: RunningProcess) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            guard process.process.isRunning else { return false }
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(socket)
            if connected { return true }
            usleep(50_000)
        }
        return false
    }
}

import Foundation

/// A real IMAP server for one test: Dovecot (`dovecot-imapd`) configured in a temporary folder
/// (its own dovecot.conf, base_dir, a passwd-file with one user, a Maildir), listening on a
/// random loopback port, plain text (`tls: none` on the client side). Run in the foreground
/// (`dovecot -F`) and killed with SIGKILL when the value goes away.
public final class DovecotServer: @unchecked Sendable {
    /// The user the tests log in as.
    public let user = "bounces"
    /// Its password (a test value, never a real secret).
    public let password = "imap-test-password"
    /// The loopback port.
    public private(set) var port = 0
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

    /// True when `/usr/sbin/dovecot` is installed (scripts/install-deps.sh test installs it).
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: "/usr/sbin/dovecot") }

    /// Starts Dovecot and waits (with a deadline) until it accepts connections.
    public init() throws {
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
            directory.write("dovecot.conf", configuration(root: root))
            let process = try RunningProcess("/usr/sbin/dovecot", ["-F", "-c", directory.file("dovecot.conf")])
            if Self.waitUntilListening(port: port, process: process) {
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
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_internal_user = \(root ? "dovecot" : me)
            default_internal_group = \(root ? "dovecot" : group)
            default_login_user = \(root ? "dovenull" : me)
            mail_location = maildir:\(directory.file("mail"))/%u/Maildir
            first_valid_uid = 1
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
                port = 0
              }
            }
            service anvil {
              chroot =
            }

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

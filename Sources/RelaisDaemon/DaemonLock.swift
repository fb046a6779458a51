import Foundation
import Relais

/// Makes sure one `relaisd` at a time works on a database: an exclusive `flock` on
/// `<database>.lock`, named after the database's real path (every symbolic link resolved),
/// held for the life of the process (the kernel drops it if the process dies). A second daemon
/// that reaches the same database through a symbolic link locks the same file and is refused.
///
/// Never the database file itself: closing any descriptor of a database drops the POSIX locks
/// SQLite holds on it in this process.
public final class DaemonLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock or fails with a line naming the other daemon's pid when it is known.
    public init(databasePath: String) throws(InputError) {
        let path = Self.resolved(databasePath) + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o660)
        guard fd >= 0 else {
            throw InputError("cannot open \(path): \(String(cString: strerror(errno)))", exitCode: Sysexits.cantCreate)
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let other = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw InputError("another relaisd\(other.isEmpty ? "" : " (pid \(other))") is already running on \(databasePath)", exitCode: Sysexits.unavailable)
        }
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        descriptor = fd
    }

    /// The path with every symbolic link resolved (the path itself when that fails).
    static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    deinit {
        close(descriptor)
    }
}

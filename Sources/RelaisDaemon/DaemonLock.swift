import Foundation
import Relais
import Systemd

/// Makes sure one `relaisd` at a time works on a database: an exclusive `flock` on the database
/// file itself, held for the life of the process (the kernel drops it if the process dies).
///
/// The lock belongs to the file, not to a path: a second daemon that reaches the same database
/// through a symbolic link, a hard link or a bind mount is refused all the same. (SQLite's own
/// locks are POSIX record locks, which `flock` does not touch.) The pid goes to
/// `<resolved database path>.lock`, for the refusal message and for people.
public final class DaemonLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock or fails with a line naming the other daemon's pid when it is known.
    public init(databasePath: String) throws(InputError) {
        let fd = open(databasePath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw InputError("cannot open \(databasePath): \(String(cString: strerror(errno)))", exitCode: Sysexits.cantCreate)
        }
        let pidPath = Self.resolved(databasePath) + ".lock"
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let other = (try? String(contentsOfFile: pidPath, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw InputError("another relaisd\(other.isEmpty ? "" : " (pid \(other))") is already running on \(databasePath)", exitCode: Sysexits.unavailable)
        }
        descriptor = fd
        let pidFile = open(pidPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o660)
        if pidFile >= 0 {
            let pid = "\(getpid())\n"
            _ = pid.withCString { write(pidFile, $0, strlen($0)) }
            close(pidFile)
        }
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

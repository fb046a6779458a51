#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `KEY=VALUE` assignment of the sd_notify protocol (see sd_notify(3)).
public enum NotifyState: Sendable, Hashable, CustomStringConvertible {
    /// `READY=1`: start-up (or a reload) is finished.
    case ready
    /// `RELOADING=1`: the daemon is reloading; send ``ready`` when done.
    case reloading
    /// `STOPPING=1`: the daemon is shutting down.
    case stopping
    /// `STATUS=…`: a one-line status shown by `systemctl status`.
    case status(String)
    /// `WATCHDOG=1`: the watchdog keep-alive ping.
    case watchdog
    /// `WATCHDOG=trigger`: ask systemd to act as if the watchdog timed out.
    case watchdogTrigger
    /// `MONOTONIC_USEC=…`: the CLOCK_MONOTONIC time in microseconds, sent with ``reloading``.
    case monotonicMicroseconds(UInt64)
    /// `EXTEND_TIMEOUT_USEC=…`: extend the current start, reload or stop timeout.
    case extendTimeout(Duration)
    /// `MAINPID=…`: the main process id of the service.
    case mainPID(Int32)
    /// `ERRNO=…`: the errno-style failure of the daemon.
    case errno(Int32)

    /// The assignment as sent in the datagram, e.g. `READY=1`.
    public var description: String {
        switch self {
        case .ready: "READY=1"
        case .reloading: "RELOADING=1"
        case .stopping: "STOPPING=1"
        case .status(let text): "STATUS=" + Self.oneLine(text)
        case .watchdog: "WATCHDOG=1"
        case .watchdogTrigger: "WATCHDOG=trigger"
        case .monotonicMicroseconds(let usec): "MONOTONIC_USEC=\(usec)"
        case .extendTimeout(let duration): "EXTEND_TIMEOUT_USEC=\(Self.microseconds(of: duration))"
        case .mainPID(let pid): "MAINPID=\(pid)"
        case .errno(let code): "ERRNO=\(code)"
        }
    }

    /// The current CLOCK_MONOTONIC time in microseconds, the clock systemd compares reloads with.
    public static func monotonicNow() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    /// A status must stay on one line: a newline would start a new assignment.
    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// Whole microseconds of a non-negative duration (negative durations count as zero).
    static func microseconds(of duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000 + UInt64(attoseconds / 1_000_000_000_000)
    }
}
